package io.llmtwin.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.testsupport.WithTestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;

/** The feature-service starts against the shared test infrastructure and reports itself healthy. */
@SpringBootTest
@WithTestInfrastructure
class FeatureApplicationIT {

  @Autowired HealthEndpoint health;

  @Test
  void contextLoadsAndReportsHealthy() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }
}
