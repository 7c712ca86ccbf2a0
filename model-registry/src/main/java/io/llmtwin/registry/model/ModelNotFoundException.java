package io.llmtwin.registry.model;

/** No registered model has the requested name. */
public class ModelNotFoundException extends ModelRegistryException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception for {@code model}. */
  public ModelNotFoundException(String model) {
    super("No registered model named '" + model + "'");
  }
}
