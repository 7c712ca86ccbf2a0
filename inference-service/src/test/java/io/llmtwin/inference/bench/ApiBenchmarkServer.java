package io.llmtwin.inference.bench;

import io.llmtwin.inference.InferenceApplication;
import io.llmtwin.inference.api.FakeTwinBeans;
import io.llmtwin.inference.api.FixtureFeatureStore;
import io.llmtwin.testsupport.TestInfrastructure;
import java.time.Duration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts inference-service for {@code io.llmtwin.benchmarks.InferenceApiBenchmark} with the test
 * suite's fake model and fixture retriever, so the benchmark measures the API path (HTTP, JSON/SSE,
 * prompt building, rate limit and queue checks, tracing to MongoDB, metrics) at a fixed, known
 * model speed on a machine without a usable real model. Key {@code bench-key-123} (author-1).
 *
 * <p>Arguments: {@code [port=18084] [tokenDelayMs=10] [retrievalDelayMs=20]}. It lives in the test
 * sources because the fakes do. Run: see {@code docs/benchmarks/inference-api.md}.
 */
public final class ApiBenchmarkServer {
  private ApiBenchmarkServer() {}

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 18084;
    long tokenDelayMs = args.length > 1 ? Long.parseLong(args[1]) : 10;
    long retrievalDelayMs = args.length > 2 ? Long.parseLong(args[2]) : 20;
    // command-line arguments: they outrank application.properties and the service defaults
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(InferenceApplication.class, FakeTwinBeans.class)
            .run(
                "--server.port=" + port,
                "--spring.mongodb.uri=" + TestInfrastructure.mongo().uriWithDatabase("bench"),
                "--management.health.mongodb.enabled=false",
                "--llmtwin.security.api-keys=author-1:bench-key-123",
                "--llmtwin.inference.limits.requests-per-minute=0",
                "--llmtwin.inference.model.version=bench",
                "--logging.level.root=WARN");
    context
        .getBean(FakeTwinBeans.FakeGenerator.class)
        .tokenDelay
        .set(Duration.ofMillis(tokenDelayMs));
    context
        .getBean(FixtureFeatureStore.FakeRetriever.class)
        .searchDelay
        .set(Duration.ofMillis(retrievalDelayMs));
    System.out.println("READY http://localhost:" + port);
  }
}
