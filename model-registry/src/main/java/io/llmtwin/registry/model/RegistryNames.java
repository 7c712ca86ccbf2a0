package io.llmtwin.registry.model;

import io.llmtwin.registry.artifact.ArtifactKeys;
import java.util.regex.Pattern;

/** Naming rules for models, artifact names and metadata keys. */
public final class RegistryNames {

  private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_/:-]{0,99}");

  private RegistryNames() {}

  /**
   * Returns {@code name} if it is a valid model name: letters, digits, {@code . _ -}, starting with
   * a letter or digit, at most 100 characters.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValidModel(String name) {
    if (name == null || !MODEL.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "Invalid model name '" + name + "': use letters, digits, '.', '_' or '-'");
    }
    return name;
  }

  /** Returns {@code name} if it is a valid artifact name (same rules as an artifact key). */
  public static String requireValidArtifactName(String name) {
    return ArtifactKeys.requireValid(name);
  }

  /**
   * Returns {@code key} if it is a valid metric or hyperparameter name: letters, digits, {@code _ /
   * : -} (no dots, no {@code $}).
   */
  public static String requireValidField(String key, String what) {
    if (key == null || !FIELD.matcher(key).matches()) {
      throw new IllegalArgumentException(
          "Invalid " + what + " name '" + key + "': use letters, digits, '_', '/', ':' or '-'");
    }
    return key;
  }
}
