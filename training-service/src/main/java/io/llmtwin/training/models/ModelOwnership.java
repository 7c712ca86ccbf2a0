package io.llmtwin.training.models;

import io.llmtwin.registry.model.ModelOwnedByAnotherException;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.RegisteredModel;
import java.util.Optional;

/**
 * Which author a registered model belongs to, for the models API, training jobs and evaluation.
 *
 * <p>A model belongs to the author recorded as its {@link RegisteredModel#owner()} (set when a
 * training job registers a version). A model registered before owners were recorded has none: it
 * belongs to the author whose default name it bears ({@link #defaultModelName(String)}), and to no
 * author at all otherwise (only the operator CLI sees it; an operator can give it an owner by
 * setting {@code owner} on its {@code registry_models} document). Names of the form {@code
 * twin-<author>} are reserved: only that author may create them.
 */
public final class ModelOwnership {

  private static final String DEFAULT_PREFIX = "twin-";

  private ModelOwnership() {}

  /** The model a training job of {@code authorId} registers into when it names none. */
  public static String defaultModelName(String authorId) {
    return DEFAULT_PREFIX + authorId.replaceAll("[^A-Za-z0-9._-]", "-");
  }

  /**
   * The author a default model name ({@link #defaultModelName(String)}) names: the part after
   * {@code twin-}, with any character the rule replaced left as {@code -}; empty for any other
   * name.
   */
  public static Optional<String> authorOfDefaultName(String model) {
    return model.startsWith(DEFAULT_PREFIX)
        ? Optional.of(model.substring(DEFAULT_PREFIX.length()))
        : Optional.empty();
  }

  /** True when {@code model} belongs to {@code authorId}. */
  public static boolean belongsTo(RegisteredModel model, String authorId) {
    if (model.owner() != null) {
      return model.owner().equals(authorId);
    }
    return model.name().equals(defaultModelName(authorId));
  }

  /**
   * Refuses, before anything is trained, a registration by {@code authorId} into a model that
   * belongs to someone else, into an unowned model of another name than the author's default, or
   * into a not yet existing {@code twin-*} name reserved for another author.
   *
   * @throws ModelOwnedByAnotherException when the author may not register versions of {@code model}
   */
  public static void requireMayRegister(ModelRegistry registry, String model, String authorId) {
    Optional<RegisteredModel> existing = registry.findModel(model);
    boolean allowed =
        existing
            .map(m -> belongsTo(m, authorId))
            .orElseGet(
                () ->
                    !model.startsWith(DEFAULT_PREFIX) || model.equals(defaultModelName(authorId)));
    if (!allowed) {
      throw new ModelOwnedByAnotherException(
          model, existing.map(RegisteredModel::owner).orElse(null), authorId);
    }
  }
}
