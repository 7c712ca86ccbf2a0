package io.llmtwin.featurestore.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.llmtwin.featurestore.FeatureStoreAutoConfiguration;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RetrievalAutoConfigurationTest {
  private static final String COMPLETION =
      """
      {"id":"c1","object":"chat.completion","created":1700000000,"model":"twin",
       "choices":[{"index":0,"message":{"role":"assistant",
         "content":"1. kafka consumer rebalancing\\n2. consumer group keeps rebalancing"},
         "finish_reason":"stop"}],
       "usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}
      """;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  FeatureStoreAutoConfiguration.class, RetrievalAutoConfiguration.class))
          .withBean(EmbeddingModel.class, FixedEmbeddingModel::new);

  private HttpServer openAi;
  private final AtomicReference<String> lastRequest = new AtomicReference<>();

  @BeforeEach
  void startFakeOpenAiEndpoint() throws IOException {
    openAi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    openAi.createContext(
        "/v1/chat/completions",
        exchange -> {
          lastRequest.set(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body = COMPLETION.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    openAi.start();
  }

  @AfterEach
  void stop() {
    openAi.stop(0);
  }

  @Test
  void isOffUnlessEnabled() {
    runner.run(context -> assertThat(context).doesNotHaveBean(Retriever.class));
  }

  @Test
  void buildsARetrieverWithMmrAndNoExpansionByDefault() {
    runner
        .withPropertyValues("llmtwin.retrieval.enabled=true")
        .run(
            context -> {
              assertThat(context).hasSingleBean(Retriever.class);
              assertThat(context).hasSingleBean(ContextFormatter.class);
              assertThat(context.getBean(Reranker.class)).isInstanceOf(MmrReranker.class);
              assertThat(context.getBean(QueryExpander.class).expand("q", 3)).isEmpty();
              assertThat(context.getBean(RetrievalProperties.class).rerank().mmrLambda())
                  .isEqualTo(0.8);
            });
  }

  @Test
  void expandsThroughAnOpenAiCompatibleEndpointWhenConfigured() {
    runner
        .withPropertyValues(
            "llmtwin.retrieval.enabled=true",
            "llmtwin.retrieval.expansion.base-url=http://127.0.0.1:"
                + openAi.getAddress().getPort()
                + "/v1",
            "llmtwin.retrieval.expansion.model=twin",
            "llmtwin.retrieval.expansion.count=2")
        .run(
            context -> {
              QueryExpander expander = context.getBean(QueryExpander.class);
              assertThat(expander).isInstanceOf(ChatModelQueryExpander.class);
              assertThat(expander.expand("why do my consumers rebalance", 2))
                  .containsExactly(
                      "kafka consumer rebalancing", "consumer group keeps rebalancing");
              assertThat(lastRequest.get())
                  .contains("\"model\"", "twin", "why do my consumers rebalance");
            });
  }

  /** Avoids loading the ONNX model in a wiring test. */
  static final class FixedEmbeddingModel implements EmbeddingModel {
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
      return Response.from(segments.stream().map(s -> Embedding.from(new float[384])).toList());
    }
  }
}
