package io.llmtwin.registry.alias;

import java.time.Instant;
import java.util.Optional;

/**
 * An alias changed: the audit record kept in the {@code alias_history} collection.
 *
 * @param model the model name
 * @param alias the alias name
 * @param change what happened
 * @param fromVersion the version it pointed at before, or {@code null} when none
 * @param toVersion the version it points at now, or {@code null} when removed
 * @param actor who did it
 * @param reason why, may be empty unless forced
 * @param forced whether a promotion gate was overridden
 * @param at when it happened
 * @param revision the alias document's revision after the change (1, 2, … per alias)
 */
public record AliasMoved(
    String model,
    String alias,
    AliasChange change,
    Integer fromVersion,
    Integer toVersion,
    String actor,
    String reason,
    boolean forced,
    Instant at,
    long revision) {

  /** The version the alias pointed at before, if any. */
  public Optional<Integer> from() {
    return Optional.ofNullable(fromVersion);
  }

  /** The version the alias points at now, if any. */
  public Optional<Integer> to() {
    return Optional.ofNullable(toVersion);
  }
}
