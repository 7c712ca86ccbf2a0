package io.llmtwin.inference.registry;

import io.llmtwin.inference.gguf.TinyLlama;
import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.VersionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** Registers tiny generated checkpoints the way a training job does, and moves aliases. */
final class RegistryFixture {

  private final ModelRegistry models;
  private final AliasRegistry aliases;
  private final String model;
  private final Path work;

  RegistryFixture(ModelRegistry models, AliasRegistry aliases, String model, Path work) {
    this.models = models;
    this.aliases = aliases;
    this.model = model;
    this.work = work;
  }

  /**
   * Registers a version whose {@code merged/*} checkpoint is a tiny Llama drawn from {@code seed}.
   */
  int registerTinyLlama(long seed) throws IOException {
    Path dir = new TinyLlama(seed).writeTo(work.resolve("seed-" + seed));
    return register(merged(withNewline(dir)), "seed " + seed);
  }

  /**
   * Makes the fixture's tokenizer able to encode the prompt template's newlines: llama.cpp b4916
   * aborts the JVM when a SentencePiece vocabulary without byte-fallback tokens meets a character
   * it lacks. The unused piece {@code ~} becomes {@code \n}; a fixture that already has the newline
   * (or byte tokens and no {@code ~}) is left alone.
   */
  static Path withNewline(Path dir) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Path file = dir.resolve("tokenizer.json");
    ObjectNode tokenizer = (ObjectNode) json.readTree(file.toFile());
    ObjectNode vocab = (ObjectNode) tokenizer.path("model").path("vocab");
    if (vocab.has("\n") || !vocab.has("~")) {
      return dir;
    }
    ObjectNode renamed = json.createObjectNode();
    for (Map.Entry<String, JsonNode> e : vocab.properties()) {
      renamed.set(e.getKey().equals("~") ? "\n" : e.getKey(), e.getValue());
    }
    ((ObjectNode) tokenizer.get("model")).set("vocab", renamed);
    Files.writeString(file, json.writeValueAsString(tokenizer));
    return dir;
  }

  /** Registers a version whose artifacts are {@code artifacts} (name → file). */
  int register(Map<String, Path> artifacts, String description) {
    VersionSpec spec =
        VersionSpec.builder("tiny-llama", "ds-test")
            .description(description)
            .createdBy("test")
            .build();
    return models.register(model, spec, artifacts).number();
  }

  /** The files of a checkpoint directory as {@code merged/<file>} artifacts. */
  static Map<String, Path> merged(Path dir) throws IOException {
    Map<String, Path> artifacts = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.sorted().forEach(f -> artifacts.put("merged/" + f.getFileName(), f));
    }
    return artifacts;
  }

  /** Points {@code accepted} at {@code version}. */
  void accept(int version) {
    aliases.move(model, "accepted", version, AliasMove.by("test", "promote v" + version).force());
  }
}
