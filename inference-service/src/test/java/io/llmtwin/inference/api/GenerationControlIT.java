package io.llmtwin.inference.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * {@code POST /api/v1/generate} where the test must control the model: a full queue (429) and a
 * generation slow enough to be cancelled by a client that disconnects. A real model cannot be
 * saturated or slowed on demand, so these tests use the fake generator of {@link FakeTwinBeans};
 * everything else of the endpoint runs on the real tiny model in {@link GenerateApiIT}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123,author-2:test-key-456",
      "llmtwin.inference.generation.max-tokens-cap=64",
      "llmtwin.inference.model.version=7",
      "llmtwin.inference.limits.requests-per-minute=0"
    })
@WithTestInfrastructure
@Import(FakeTwinBeans.class)
class GenerationControlIT {
  static final String KEY = "test-key-123";
  static final String PATH = "/api/v1/generate";

  @LocalServerPort int port;
  @Autowired FakeTwinBeans.FakeGenerator generator;

  ApiClient api;

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  @AfterEach
  void reset() {
    generator.reset();
  }

  @Test
  void clientDisconnectCancelsTheGeneration() throws Exception {
    generator.tokenDelay.set(Duration.ofMillis(20));
    HttpResponse<InputStream> response =
        api.postStreaming(
            PATH, KEY, "text/event-stream", Map.of("prompt", "Go on", "maxTokens", 64));
    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream in = response.body()) {
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      do {
        line = reader.readLine();
      } while (line != null && !line.startsWith("event:token"));
      assertThat(line).isNotNull();
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(generator.lastFinish.get()).isEqualTo(FinishReason.CANCELLED));
  }

  @Test
  void answers429WithRetryAfterWhenTheQueueIsFullAndStaysHealthy() throws Exception {
    generator.saturated.set(true);
    for (String accept : List.of("application/json", "text/event-stream")) {
      HttpResponse<String> response = api.post(PATH, KEY, accept, Map.of("prompt", "x"));
      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
      assertThat(ApiClient.problemSlug(response)).isEqualTo("too-many-requests");
    }
    generator.saturated.set(false);
    assertThat(api.post(PATH, KEY, "application/json", Map.of("prompt", "x")).statusCode())
        .isEqualTo(200);
  }
}
