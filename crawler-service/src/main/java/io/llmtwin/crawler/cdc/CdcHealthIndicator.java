package io.llmtwin.crawler.cdc;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Shows the watcher's state under {@code /actuator/health} ({@code cdc}): UP while active,
 * snapshotting or standing by for another instance's lease; DOWN while it retries after a failure
 * (broker or MongoDB unreachable); UNKNOWN when stopped.
 */
final class CdcHealthIndicator implements HealthIndicator {
  private final ChangeStreamWatcher watcher;
  private final CdcMetrics metrics;

  CdcHealthIndicator(ChangeStreamWatcher watcher, CdcMetrics metrics) {
    this.watcher = watcher;
    this.metrics = metrics;
  }

  @Override
  public Health health() {
    ChangeStreamWatcher.State state = watcher.state();
    Health.Builder health =
        switch (state) {
          case ACTIVE, SNAPSHOT, STANDBY -> Health.up();
          case RETRYING -> Health.down();
          case STOPPED -> Health.unknown();
        };
    health.withDetail("state", state.name()).withDetail("instance", watcher.instanceId());
    watcher.leaseHolder().ifPresent(holder -> health.withDetail("leaseHolder", holder));
    watcher.lastPublishedAt().ifPresent(at -> health.withDetail("lastPublishedAt", at.toString()));
    watcher.lastError().ifPresent(error -> health.withDetail("lastError", error));
    health.withDetail("lagMillis", metrics.lag().toMillis());
    return health.build();
  }
}
