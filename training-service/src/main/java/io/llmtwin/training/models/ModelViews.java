package io.llmtwin.training.models;

import io.llmtwin.registry.alias.AliasMoved;
import java.time.Instant;
import java.util.Map;

/** JSON shapes of the models API. */
final class ModelViews {
  private ModelViews() {}

  /**
   * A registered model.
   *
   * @param name model name
   * @param description free text
   * @param createdAt when first registered
   * @param latestVersion highest version number (0 before the first)
   * @param aliases alias → version number
   */
  record ModelSummary(
      String name,
      String description,
      Instant createdAt,
      int latestVersion,
      Map<String, Integer> aliases) {}

  /**
   * An alias change, as recorded in the audit history.
   *
   * @param model model name
   * @param alias alias name
   * @param change {@code ASSIGNED}, {@code MOVED}, {@code REMOVED} or {@code ROLLED_BACK}
   * @param from previous version, or null
   * @param to new version, or null after a removal
   * @param actor who did it
   * @param reason why
   * @param forced whether the promotion gate was overridden
   * @param at when
   * @param revision revision of the alias after the change
   */
  record AliasEvent(
      String model,
      String alias,
      String change,
      Integer from,
      Integer to,
      String actor,
      String reason,
      boolean forced,
      Instant at,
      long revision) {

    static AliasEvent of(AliasMoved e) {
      return new AliasEvent(
          e.model(),
          e.alias(),
          e.change().name(),
          e.fromVersion(),
          e.toVersion(),
          e.actor(),
          e.reason(),
          e.forced(),
          e.at(),
          e.revision());
    }
  }

  /**
   * Body of a promotion.
   *
   * @param reason why (required when forced)
   * @param force override the promotion gate
   */
  record PromoteRequest(String reason, Boolean force) {}

  /**
   * Body of a rollback.
   *
   * @param alias the alias to roll back (default {@code accepted})
   * @param reason why
   */
  record RollbackRequest(String alias, String reason) {}
}
