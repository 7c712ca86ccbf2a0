package io.llmtwin.inference.bench;

import io.llmtwin.inference.InferenceApplication;
import io.llmtwin.inference.TinyModelFixture;
import io.llmtwin.inference.api.FakeTwinBeans;
import io.llmtwin.inference.api.FixtureFeatureStore;
import io.llmtwin.testsupport.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts inference-service for {@code io.llmtwin.benchmarks.InferenceApiBenchmark} with the test
 * suite's fixture retriever and either the fake model (a fixed, known speed per token, so the
 * benchmark measures the API path: HTTP, JSON/SSE, prompt building, rate limit and queue checks,
 * tracing to MongoDB, metrics) or, with {@code tiny} as the token delay, the real tiny GGUF of
 * {@link TinyModelFixture} served by llama.cpp. Key {@code bench-key-123} (author-1).
 *
 * <p>Arguments: {@code [port=18084] [tokenDelayMs=10|tiny] [retrievalDelayMs=20]}. It lives in the
 * test sources because the fixtures do. Run: see {@code docs/benchmarks/inference-api.md}.
 */
public final class ApiBenchmarkServer {
  private ApiBenchmarkServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18084;
    boolean tiny = args.length > 1 && args[1].equals("tiny");
    long tokenDelayMs = args.length > 1 && !tiny ? Long.parseLong(args[1]) : 10;
    long retrievalDelayMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
    // command-line arguments: they outrank application.properties and the service defaults
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "--server.port=" + port,
                "--spring.mongodb.uri=" + TestInfrastructure.mongo().uriWithDatabase("bench"),
                "--management.health.mongodb.enabled=false",
                "--llmtwin.security.api-keys=author-1:bench-key-123",
                "--llmtwin.inference.limits.requests-per-minute=0",
                "--llmtwin.inference.model.version=bench",
                "--logging.level.root=WARN"));
    if (tiny) {
      arguments.add("--llmtwin.inference.model.path=" + TinyModelFixture.gguf());
    }
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(
                InferenceApplication.class, tiny ? FixtureFeatureStore.class : FakeTwinBeans.class)
            .run(arguments.toArray(String[]::new));
    if (!tiny) {
      context
          .getBean(FakeTwinBeans.FakeGenerator.class)
          .tokenDelay
          .set(Duration.ofMillis(tokenDelayMs));
    }
    context
        .getBean(FixtureFeatureStore.FakeRetriever.class)
        .searchDelay
        .set(Duration.ofMillis(retrievalDelayMs));
    System.out.println("READY http://localhost:" + port);
  }
}
