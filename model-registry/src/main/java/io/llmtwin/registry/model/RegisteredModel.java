package io.llmtwin.registry.model;

import java.time.Instant;

/**
 * A named model whose versions are registered over time.
 *
 * @param name the model name, e.g. {@code twin-jane-doe}
 * @param description free text, may be empty
 * @param createdAt when the model was first registered
 * @param lastVersion the highest version number handed out so far (0 before the first version)
 * @param owner the author the model belongs to, or {@code null} for a model registered without one
 *     (documents written before owners were recorded, or registrations with no {@link
 *     VersionSpec#owner()})
 */
public record RegisteredModel(
    String name, String description, Instant createdAt, int lastVersion, String owner) {}
