package io.llmtwin.registry.model;

import java.time.Instant;

/**
 * A named model whose versions are registered over time.
 *
 * @param name the model name, e.g. {@code twin-jane-doe}
 * @param description free text, may be empty
 * @param createdAt when the model was first registered
 * @param lastVersion the highest version number handed out so far (0 before the first version)
 */
public record RegisteredModel(
    String name, String description, Instant createdAt, int lastVersion) {}
