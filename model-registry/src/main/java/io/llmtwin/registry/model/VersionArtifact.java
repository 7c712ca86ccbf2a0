package io.llmtwin.registry.model;

/**
 * An artifact recorded on a model version.
 *
 * @param name its name within the version, e.g. {@code adapter.safetensors} or {@code
 *     gguf/q8_0.gguf}
 * @param key the key it is stored under in the artifact store
 * @param sizeBytes its size in bytes
 * @param sha256 the lowercase hex SHA-256 digest of its content
 */
public record VersionArtifact(String name, String key, long sizeBytes, String sha256) {}
