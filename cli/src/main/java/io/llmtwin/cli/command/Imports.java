package io.llmtwin.cli.command;

import tools.jackson.databind.JsonNode;

/** Wording of a LinkedIn import result. */
final class Imports {
  private Imports() {}

  static String describe(JsonNode result) {
    JsonNode counts = result.path("counts");
    return result.path("posts").asInt()
        + " posts, "
        + result.path("articles").asInt()
        + " articles ("
        + counts.path("inserted").asInt()
        + " inserted, "
        + counts.path("updated").asInt()
        + " updated, "
        + counts.path("unchanged").asInt()
        + " unchanged)";
  }
}
