package io.llmtwin.registry.alias;

/**
 * Who moves an alias, why, and under which precondition.
 *
 * @param actor who moves it (required)
 * @param reason why (required when forced)
 * @param forced whether a promotion gate is overridden (recorded, not interpreted here)
 * @param expectedCurrent when not {@code null}, the move only happens if the alias currently points
 *     at this version ({@code 0}: only if it points at nothing); otherwise {@link
 *     AliasConflictException}
 */
public record AliasMove(String actor, String reason, boolean forced, Integer expectedCurrent) {

  /** Validates. */
  public AliasMove {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("actor is required to move an alias");
    }
    reason = reason == null ? "" : reason;
    if (forced && reason.isBlank()) {
      throw new IllegalArgumentException("a forced alias move needs a reason");
    }
  }

  /** An unconditional, unforced move. */
  public static AliasMove by(String actor, String reason) {
    return new AliasMove(actor, reason, false, null);
  }

  /** The same move, marked as overriding the gate (a reason is required). */
  public AliasMove force() {
    return new AliasMove(actor, reason, true, expectedCurrent);
  }

  /** The same move, only if the alias points at {@code version} now (0: at nothing). */
  public AliasMove expecting(int version) {
    return new AliasMove(actor, reason, forced, version);
  }
}
