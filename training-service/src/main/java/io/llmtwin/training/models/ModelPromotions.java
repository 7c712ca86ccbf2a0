package io.llmtwin.training.models;

import io.llmtwin.registry.alias.AliasConflictException;
import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.alias.AliasTarget;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.training.evaluation.EvaluationReport;
import io.llmtwin.training.evaluation.ModelEvaluator;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves aliases of registered models, with the promotion gate in front of the gated aliases ({@code
 * accepted} by default): the candidate is evaluated (or its stored evaluation reused) and must beat
 * the current holder, measured on the holder's dataset's test split so both see the same texts;
 * with no holder yet it must beat the base model. A forced move skips the gate, needs a reason and
 * is recorded as forced. Every move is an audited {@link AliasMoved} event, made with a
 * compare-and-set on the holder the gate compared against, so a concurrent promotion cannot slip in
 * between evaluation and move.
 */
public final class ModelPromotions {
  private static final Logger log = LoggerFactory.getLogger(ModelPromotions.class);
  private static final int MAX_ATTEMPTS = 3;

  private final ModelRegistry registry;
  private final AliasRegistry aliases;
  private final ModelEvaluator evaluator;
  private final PromotionGate gate;
  private final PromotionProperties properties;

  ModelPromotions(
      ModelRegistry registry,
      AliasRegistry aliases,
      ModelEvaluator evaluator,
      PromotionProperties properties) {
    this.registry = registry;
    this.aliases = aliases;
    this.evaluator = evaluator;
    this.gate = new PromotionGate(properties.criteria());
    this.properties = properties;
  }

  /** Whether moving {@code alias} passes through the gate. */
  public boolean gated(String alias) {
    return properties.gatedAliases().contains(alias);
  }

  /**
   * Points {@code alias} of {@code model} at the version {@code ref} resolves to.
   *
   * @throws PromotionRefusedException when the alias is gated, not forced, and the gate refuses
   * @throws AliasConflictException when the alias kept changing during three gate evaluations
   * @throws IllegalArgumentException for an invalid alias, or a forced move without a reason
   */
  public AliasMoved promote(
      String model, String ref, String alias, String actor, String reason, boolean force) {
    AliasNames.requireValid(alias);
    ModelVersion candidate = registry.version(model, ref);
    if (!gated(alias) || force) {
      if (force && gated(alias)) {
        log.warn("{} forces {} {} to {}: {}", actor, model, candidate.name(), alias, reason);
      }
      return aliases.move(
          model, alias, candidate.number(), new AliasMove(actor, reason, force, null));
    }
    for (int attempt = 1; ; attempt++) {
      Optional<AliasTarget> current = aliases.target(model, alias);
      int expected = current.map(AliasTarget::version).orElse(0);
      String why = reason == null ? "" : reason;
      if (expected != candidate.number()) {
        PromotionGate.GateDecision decision = decide(candidate, current);
        if (!decision.passed()) {
          log.info(
              "promotion of {} {} to {} refused: {}",
              model,
              candidate.name(),
              alias,
              decision.summary());
          throw new PromotionRefusedException(model, candidate.number(), alias, decision);
        }
        why =
            why.isBlank()
                ? "promotion gate passed: " + decision.summary()
                : why + " (promotion gate passed: " + decision.summary() + ")";
      }
      try {
        return aliases.move(
            model, alias, candidate.number(), new AliasMove(actor, why, false, expected));
      } catch (AliasConflictException e) {
        // another promotion moved the alias after our evaluation: judge again against the new
        // holder (its evaluation is stored or runs now)
        if (attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        log.info("{} changed during the gate, evaluating {} again", alias, candidate.name());
      }
    }
  }

  /** What the gate says about {@code ref} for {@code alias}, without moving anything. */
  public PromotionGate.GateDecision check(String model, String ref, String alias) {
    return decide(registry.version(model, ref), aliases.target(model, alias));
  }

  private PromotionGate.GateDecision decide(ModelVersion candidate, Optional<AliasTarget> current) {
    String model = candidate.model();
    if (current.isEmpty()) {
      EvaluationReport mine =
          evaluator.evaluate(model, candidate.name(), null, properties.reevaluate());
      return gate.againstBase(mine.metrics());
    }
    ModelVersion holder = registry.version(model, current.get().version());
    String dataset =
        holder.lineage().datasetVersion() != null
            ? holder.lineage().datasetVersion()
            : candidate.lineage().datasetVersion();
    EvaluationReport theirs =
        evaluator.evaluate(model, holder.name(), dataset, properties.reevaluate());
    EvaluationReport mine =
        evaluator.evaluate(model, candidate.name(), dataset, properties.reevaluate());
    return gate.againstVersion(mine.metrics(), theirs.metrics(), holder.name());
  }

  /** Removes {@code alias} (audited). */
  public AliasMoved remove(String model, String alias, String actor, String reason) {
    registry
        .findModel(model)
        .orElseThrow(() -> new io.llmtwin.registry.model.ModelNotFoundException(model));
    return aliases.remove(model, alias, actor, reason);
  }

  /** Moves {@code alias} back to its previous holder (audited). */
  public AliasMoved rollback(String model, String alias, String actor, String reason) {
    registry
        .findModel(model)
        .orElseThrow(() -> new io.llmtwin.registry.model.ModelNotFoundException(model));
    return aliases.rollback(model, alias, actor, reason);
  }
}
