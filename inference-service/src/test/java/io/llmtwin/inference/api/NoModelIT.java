package io.llmtwin.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.testsupport.WithTestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Without {@code llmtwin.inference.model.path} the service starts and generation answers 503. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "llmtwin.security.api-keys=author-1:test-key-123")
@WithTestInfrastructure
class NoModelIT {
  @LocalServerPort int port;

  @Test
  void generationEndpointsAnswerModelUnavailable() throws Exception {
    for (String[] call :
        new String[][] {
          {"/api/v1/generate", "{\"prompt\":\"hi\"}"},
          {
            "/v1/chat/completions",
            "{\"model\":\"llm-twin\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
          }
        }) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://localhost:" + port + call[0]))
                      .header("Authorization", "Bearer test-key-123")
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(call[1]))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(call[0]).isEqualTo(503);
      assertThat(response.body()).contains("/problems/model-unavailable");
    }
  }
}
