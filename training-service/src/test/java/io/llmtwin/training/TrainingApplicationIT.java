package io.llmtwin.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.dataset.ContextRetriever;
import io.llmtwin.training.dataset.RetrieverContextRetriever;
import io.qdrant.client.QdrantClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

/**
 * The training-service starts against the shared test infrastructure and reports itself healthy.
 */
@SpringBootTest
@WithTestInfrastructure
class TrainingApplicationIT {

  @Autowired HealthEndpoint health;
  @Autowired ApplicationContext context;

  @Test
  void contextLoadsAndReportsHealthy() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void ragContextComesFromTheFeatureStoreRetrieverSharingTheOnlyQdrantClient() {
    assertThat(context.getBean(ContextRetriever.class))
        .isInstanceOf(RetrieverContextRetriever.class);
    assertThat(context.getBeanNamesForType(QdrantClient.class)).containsExactly("qdrantClient");
  }
}
