package io.llmtwin.inference.model;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Health component {@code model}: {@code UP} while a model serves, {@code DEGRADED} while an old
 * model serves because a newer version failed to load (details {@code failedVersion}, {@code
 * lastError}), {@code UNKNOWN} before the first model is loaded, {@code DOWN} when no model serves
 * and the last load failed. {@code DEGRADED} answers HTTP 200 (Spring maps only DOWN and
 * OUT_OF_SERVICE to 503) and the component is not part of the liveness or readiness groups, so
 * probes never restart or unready a replica that still serves the old model.
 */
public final class ModelHealthIndicator implements HealthIndicator {

  /** The status of a replica that serves an older model because the newest one failed. */
  public static final Status DEGRADED = new Status("DEGRADED", "an older model serves");

  private final ModelServing serving;
  private final Supplier<Map<String, Object>> extraDetails;

  /**
   * Reports the state of {@code serving}.
   *
   * @param serving the served model, or {@code null} when none is configured (always UNKNOWN)
   * @param extraDetails more details, e.g. how alias changes are watched
   */
  public ModelHealthIndicator(ModelServing serving, Supplier<Map<String, Object>> extraDetails) {
    this.serving = serving;
    this.extraDetails = extraDetails;
  }

  @Override
  public Health health() {
    if (serving == null) {
      return Health.unknown()
          .withDetail("state", "none")
          .withDetail(
              "hint", "set llmtwin.inference.model.path or llmtwin.inference.registry.model")
          .build();
    }
    ModelStatus status = serving.status();
    Status code =
        switch (status.state()) {
          case "serving" -> Status.UP;
          case "degraded" -> DEGRADED;
          case "failed" -> Status.DOWN;
          default -> Status.UNKNOWN;
        };
    return Health.status(code)
        .withDetails(status.details())
        .withDetails(extraDetails.get())
        .build();
  }
}
