package io.llmtwin.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.testsupport.WithTestInfrastructure;
import io.llmtwin.training.dataset.ContextRetriever;
import io.llmtwin.training.dataset.RetrieverContextRetriever;
import io.qdrant.client.QdrantClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * The training-service starts against the shared test infrastructure and reports itself healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithTestInfrastructure
class TrainingApplicationIT {

  @Autowired HealthEndpoint health;
  @Autowired ApplicationContext context;
  @LocalServerPort int port;

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

  @Test
  void openApiDescriptionListsTheEndpointsWithoutAKey() throws Exception {
    HttpResponse<String> docs =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(JsonMapper.builder().build().readTree(docs.body()).path("paths").propertyNames())
        .contains(
            "/api/v1/training-jobs",
            "/api/v1/training-jobs/{id}/events",
            "/api/v1/datasets",
            "/api/v1/corpus/{authorId}",
            "/api/v1/experiments",
            "/api/v1/models",
            "/api/v1/models/{model}/versions/{ref}/aliases/{alias}",
            "/api/v1/models/{model}/rollback");
  }
}
