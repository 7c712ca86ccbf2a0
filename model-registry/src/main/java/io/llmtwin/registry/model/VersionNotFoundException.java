package io.llmtwin.registry.model;

/** The requested version (number, {@code latest} or alias) does not resolve to a version. */
public class VersionNotFoundException extends ModelRegistryException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code ref} of {@code model}. */
  public VersionNotFoundException(String model, String ref) {
    super("Model '" + model + "' has no version '" + ref + "'");
  }
}
