package io.llmtwin.training.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the local tracker lists it.
 *
 * @param id run id (= training job id)
 * @param name name
 * @param authorId author
 * @param status current status
 * @param parameters parameters
 * @param metrics every recorded metric point, in order
 * @param artifacts artifact name → location
 * @param startedAt start
 * @param finishedAt end, null while running
 */
public record Experiment(
    String id,
    String name,
    String authorId,
    RunStatus status,
    Map<String, String> parameters,
    List<MetricPoint> metrics,
    Map<String, String> artifacts,
    Instant startedAt,
    Instant finishedAt) {

  /**
   * One metric value.
   *
   * @param name metric name
   * @param value value
   * @param step training step
   */
  public record MetricPoint(String name, double value, long step) {}
}
