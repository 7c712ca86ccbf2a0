package io.llmtwin.inference.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The model served when no registry decides ({@code llmtwin.inference.model.*}).
 *
 * @param path GGUF file to load with llama.cpp; unset means no model (generation answers 503)
 * @param name model name reported to clients (default {@code llm-twin})
 * @param version model version reported to clients (default {@code local})
 * @param slots concurrent generations (default: the engine's default for this machine)
 * @param queueCapacity requests that may wait for a slot (default: the engine's default)
 * @param contextPerSlot tokens of context per slot (default 2048)
 */
@ConfigurationProperties("llmtwin.inference.model")
record ModelProperties(
    Path path,
    String name,
    String version,
    Integer slots,
    Integer queueCapacity,
    Integer contextPerSlot) {

  ModelProperties {
    name = name == null || name.isBlank() ? "llm-twin" : name;
    version = version == null || version.isBlank() ? "local" : version;
  }
}
