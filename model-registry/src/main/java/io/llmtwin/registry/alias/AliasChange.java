package io.llmtwin.registry.alias;

/** What an {@link AliasMoved} event did. */
public enum AliasChange {
  /** The alias pointed at nothing before and now points at a version. */
  ASSIGNED,
  /** The alias moved from one version to another (or was re-confirmed on the same one). */
  MOVED,
  /** The alias was removed and points at nothing now. */
  REMOVED,
  /** The alias moved back to its previous holder. */
  ROLLED_BACK
}
