package io.llmtwin.registry;

/** The MongoDB collections the model registry owns (all in the application's database). */
public final class RegistryCollections {

  /** One document per model: {@code _id} = name, {@code description, createdAt, lastVersion}. */
  public static final String MODELS = "registered_models";

  /** One document per version: {@code _id} = {@code <model>:v<n>}, metadata and artifacts. */
  public static final String VERSIONS = "model_versions";

  /**
   * One document per alias: {@code _id} = {@code <model>:<alias>}, {@code model, alias, version,
   * revision, updatedAt, lastMove}. Watch it with a change stream to notice promotions.
   */
  public static final String ALIASES = "model_aliases";

  /** Every alias change ({@code AliasMoved}): {@code _id} = {@code <model>:<alias>:<revision>}. */
  public static final String ALIAS_HISTORY = "alias_history";

  /** Default GridFS bucket for artifacts ({@code artifacts.files}, {@code artifacts.chunks}). */
  public static final String DEFAULT_GRIDFS_BUCKET = "artifacts";

  private RegistryCollections() {}
}
