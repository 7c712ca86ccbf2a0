package io.llmtwin.training.job;

import java.time.Instant;

/**
 * A training job resource.
 *
 * @param id job id
 * @param authorId author
 * @param state current state
 * @param spec the spec (with its dataset version)
 * @param launcher {@code local} or {@code kubernetes}
 * @param progress last progress, may be null
 * @param reason why it failed or was interrupted, may be null
 * @param model registry model name
 * @param registeredVersion registry version number once succeeded, else null
 * @param checkpoint last checkpoint, may be null
 * @param createdAt submission time
 * @param updatedAt last change
 */
public record TrainingJob(
    String id,
    String authorId,
    JobState state,
    TrainingJobSpec spec,
    String launcher,
    TrainingProgress progress,
    String reason,
    String model,
    Integer registeredVersion,
    String checkpoint,
    Instant createdAt,
    Instant updatedAt) {}
