package io.llmtwin.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat-model generator against a tiny local OpenAI-compatible endpoint with bad answers. */
class ChatModelInstructionGeneratorTest {
  final ObjectMapper json = new ObjectMapper();
  final Deque<String> answers = new ArrayDeque<>();
  final AtomicInteger calls = new AtomicInteger();
  HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  String start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          calls.incrementAndGet();
          exchange.getRequestBody().readAllBytes();
          String content = answers.isEmpty() ? "no idea" : answers.poll();
          String body =
              json.writeValueAsString(
                  java.util.Map.of(
                      "id",
                      "c1",
                      "object",
                      "chat.completion",
                      "created",
                      1,
                      "model",
                      "test",
                      "choices",
                      List.of(
                          java.util.Map.of(
                              "index",
                              0,
                              "finish_reason",
                              "stop",
                              "message",
                              java.util.Map.of("role", "assistant", "content", content))),
                      "usage",
                      java.util.Map.of(
                          "prompt_tokens", 1, "completion_tokens", 1, "total_tokens", 2)));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  static Extract extract(String id) {
    return new Extract(
        id, id, DocumentType.POST, Platform.LINKEDIN, null, "Text of " + id + " about databases");
  }

  InstructionGenerator generator(String url, int batch, int retries) {
    return DatasetConfiguration.generator(
        new DatasetProperties.ChatModel(
            url, "test", "test-model", batch, retries, Duration.ofSeconds(5)));
  }

  @Test
  void keepsPartialBatchesRetriesMissingOnesAndCountsFailures() throws Exception {
    String url = start();
    // batch 1 (a, b, c): fenced JSON with a trailing comma, c missing, then c in a retry
    answers.add(
        "Sure!\n```json\n[{\"id\":\"a\",\"instruction\":\"Write A\"},{'id':'b','instruction':'Write B'},]\n```");
    answers.add("[{\"id\":\"c\",\"instruction\":\"Write C\"}]");
    // batch 2 (d): broken twice -> offline fallback, counted
    answers.add("[{\"id\":\"d\",\"instruction\": ");
    answers.add("I cannot help with that.");
    InstructionGenerator.Generated g =
        generator(url, 3, 1)
            .generate(List.of(extract("a"), extract("b"), extract("c"), extract("d")));
    assertThat(g.instructions())
        .containsEntry("a", "Write A")
        .containsEntry("b", "Write B")
        .containsEntry("c", "Write C");
    assertThat(g.instructions().get("d")).startsWith("Write a LinkedIn post about");
    assertThat(g.failures()).isEqualTo(1);
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void keepsTheValidObjectsOfABrokenArray() throws Exception {
    String url = start();
    answers.add(
        "[{\"id\":\"a\",\"instruction\":\"Write A\"}, {\"id\":\"b\" \"instruction\":}, {\"id\":\"c\",\"instruction\":\"Write C\"}]");
    InstructionGenerator.Generated g =
        generator(url, 3, 0).generate(List.of(extract("a"), extract("b"), extract("c")));
    assertThat(g.instructions()).containsEntry("a", "Write A").containsEntry("c", "Write C");
    assertThat(g.failures()).isEqualTo(1);
  }
}
