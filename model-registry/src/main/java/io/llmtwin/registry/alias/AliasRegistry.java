package io.llmtwin.registry.alias;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Named pointers to exactly one version of a model ({@code candidate}, {@code accepted} or any name
 * valid under {@link AliasNames#requireValid(String)}), moved atomically and audited.
 *
 * <p>Every change returns and records an {@link AliasMoved} event. Concurrent moves of the same
 * alias are serialised: each succeeds against the state the previous one left, so two simultaneous
 * promotions leave one holder and two events.
 *
 * <p>Watching for changes (inference-service): every change is inserted into the MongoDB collection
 * {@value io.llmtwin.registry.RegistryCollections#ALIAS_HISTORY} (fields {@code model, alias,
 * change, from, to, actor, reason, forced, at, revision}), so a change stream on it sees each move
 * as an insert with its full document. {@value io.llmtwin.registry.RegistryCollections#ALIASES}
 * holds one document per alias ({@code _id} = {@code <model>:<alias>}, {@code version} null after
 * removal) as a projection of that log. Without change streams, poll {@link
 * #changesSince(Instant)}, or {@link #target(String, String)} and compare revisions.
 */
public interface AliasRegistry {

  /**
   * Points {@code alias} of {@code model} at {@code version}, which must exist.
   *
   * @throws io.llmtwin.registry.model.VersionNotFoundException when the version does not exist
   * @throws AliasConflictException when {@link AliasMove#expectedCurrent()} does not hold
   */
  AliasMoved move(String model, String alias, int version, AliasMove move);

  /**
   * Removes {@code alias}; recorded as a {@link AliasChange#REMOVED} event.
   *
   * @throws AliasConflictException when the alias points at nothing
   */
  AliasMoved remove(String model, String alias, String actor, String reason);

  /**
   * Moves {@code alias} back to the holder it had before its current one, following the history
   * (repeated rollbacks walk further back; removals end the walk).
   *
   * @throws RollbackNotPossibleException when there is no previous holder
   */
  AliasMoved rollback(String model, String alias, String actor, String reason);

  /** Where {@code alias} points now, if anywhere. */
  Optional<AliasTarget> target(String model, String alias);

  /** The aliases of {@code model} that point at a version, sorted by name. */
  List<AliasTarget> aliases(String model);

  /** Every change of {@code alias}, oldest first. */
  List<AliasMoved> history(String model, String alias);

  /** Every alias change of {@code model}, oldest first. */
  List<AliasMoved> history(String model);

  /**
   * Alias changes of all models at or after {@code since}, oldest first (for polling: an event at
   * exactly {@code since} is returned again; de-duplicate by model, alias and revision).
   */
  List<AliasMoved> changesSince(Instant since);
}
