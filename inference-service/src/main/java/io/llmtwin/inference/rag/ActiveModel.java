package io.llmtwin.inference.rag;

import java.util.Objects;

/**
 * The model the service generates with, as reported to clients ({@code model} in responses, {@code
 * GET /v1/models}).
 *
 * @param name model name, e.g. {@code llm-twin}
 * @param version model version, e.g. a registry version or {@code local}
 */
public record ActiveModel(String name, String version) {

  /** Checks the arguments. */
  public ActiveModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
