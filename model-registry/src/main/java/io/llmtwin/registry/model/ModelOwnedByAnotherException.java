package io.llmtwin.registry.model;

/** A version was to be registered for an owner other than the one the model belongs to. */
public class ModelOwnedByAnotherException extends ModelRegistryException {

  private static final long serialVersionUID = 1L;

  private final String model;
  private final String owner;
  private final String requestedBy;

  /** Creates the exception for {@code model}, owned by {@code owner}, wanted by {@code by}. */
  public ModelOwnedByAnotherException(String model, String owner, String requestedBy) {
    super(
        "model '"
            + model
            + "' belongs to another author; "
            + requestedBy
            + " may not register versions of it");
    this.model = model;
    this.owner = owner;
    this.requestedBy = requestedBy;
  }

  /** The model. */
  public String model() {
    return model;
  }

  /** Its owner. */
  public String owner() {
    return owner;
  }

  /** Who tried to register. */
  public String requestedBy() {
    return requestedBy;
  }
}
