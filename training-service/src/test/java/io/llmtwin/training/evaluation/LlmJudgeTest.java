package io.llmtwin.training.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The judge against a tiny local OpenAI-compatible endpoint with scripted answers. */
class LlmJudgeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> ANSWERS =
      List.of(
          "```json\n{\"accuracy\": 3, \"style\": \"2\"}\n```",
          "The answer is accurate and stylish.",
          "Sure! {\"Accuracy\": 2, \"Style\": 1}",
          "{\"accuracy\": 5, \"style\": 2}");

  HttpServer server;
  final AtomicInteger calls = new AtomicInteger();
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          requests.add(JSON.readTree(exchange.getRequestBody()));
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          String content = ANSWERS.get(calls.getAndIncrement() % ANSWERS.size());
          byte[] body =
              JSON.writeValueAsBytes(
                  Map.of(
                      "id",
                      "chatcmpl-1",
                      "object",
                      "chat.completion",
                      "created",
                      1,
                      "model",
                      "judge-model",
                      "choices",
                      List.of(
                          Map.of(
                              "index",
                              0,
                              "message",
                              Map.of("role", "assistant", "content", content),
                              "finish_reason",
                              "stop")),
                      "usage",
                      Map.of("prompt_tokens", 10, "completion_tokens", 5, "total_tokens", 15)));
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void gradesWithTheRubricAndCountsUnparseableAnswersWithoutGuessing() {
    LlmJudge judge =
        EvaluationConfiguration.judge(
                new EvaluationProperties.Judge(
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                    "judge-key",
                    "judge-model",
                    Duration.ofSeconds(10)))
            .orElseThrow();

    LlmJudge.JudgeSummary summary =
        judge.judgeAll(
            List.of("q1", "q2", "q3", "q4"),
            List.of("ref one", "ref two", "ref three", "ref four"),
            List.of("answer one", "answer two", "answer three", "answer four"));

    assertThat(summary.judged()).isEqualTo(2);
    assertThat(summary.unparseable()).isEqualTo(2);
    assertThat(summary.meanAccuracy()).isEqualTo(2.5);
    assertThat(summary.meanStyle()).isEqualTo(1.5);
    assertThat(requests).hasSize(4);
    assertThat(authorizations).allMatch("Bearer judge-key"::equals);
    JsonNode first = requests.get(0);
    assertThat(first.path("model").asText()).isEqualTo("judge-model");
    String prompt = first.path("messages").get(0).path("content").asText();
    assertThat(prompt).contains("accuracy: 1 =", "style: 1 =", "q1", "ref one", "answer one");
  }

  @Test
  void isOffWithoutAnEndpoint() {
    assertThat(
            EvaluationConfiguration.judge(new EvaluationProperties.Judge(null, null, null, null)))
        .isEmpty();
  }
}
