package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.llmtwin.model.messaging.DocumentChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The acceptance broker test: RabbitMQ closes the relay's connection in the middle of a stream of
 * changes ({@code rabbitmqctl close_connection}); the relay reconnects and every change arrives.
 * Skipped where the broker is the Qpid stand-in or {@code rabbitmqctl} cannot manage it (not root,
 * remote broker).
 */
class CdcBrokerReconnectIT {
  private static final int DOCUMENTS = 600;

  @Test
  void reconnectsAfterTheBrokerClosesTheConnectionAndLosesNothing() throws Exception {
    Assumptions.assumeTrue(
        CdcTestInfrastructure.realRabbitMq(),
        "needs a real RabbitMQ (set LLMTWIN_TEST_RABBITMQ_URI); the Qpid stand-in has no rabbitmqctl");
    Assumptions.assumeTrue(rabbitmqctl("-q", "status").isPresent(), "rabbitmqctl is not usable");
    CdcTestInfrastructure.Scope scope = CdcTestInfrastructure.newScope();
    try (MongoClient mongo = CdcTestInfrastructure.mongoClient();
        CdcTestInfrastructure.Subscriber subscriber = scope.subscribe();
        ConfigurableApplicationContext context = scope.start("broker-it")) {
      ChangeStreamWatcher watcher = context.getBean(ChangeStreamWatcher.class);
      await().until(() -> watcher.state() == ChangeStreamWatcher.State.ACTIVE);
      MongoCollection<Document> articles = scope.db(mongo).getCollection("articles");
      // half of the changes are written before the broker closes the connection, the other half
      // only after the close took effect (rabbitmqctl can take seconds on a loaded machine)
      CountDownLatch closed = new CountDownLatch(1);
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < DOCUMENTS; i++) {
                  if (i == DOCUMENTS / 2) {
                    awaitUninterruptibly(closed);
                  }
                  articles.insertOne(TestDocuments.article("broker-" + i, "author-1", "v" + i));
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
              });
      await().atMost(Duration.ofSeconds(30)).until(() -> subscriber.received().size() >= 100);

      String pid = relayConnectionPid("crawler-service:broker-it");
      assertThat(rabbitmqctl("close_connection", pid, "CDC broker test")).isPresent();
      closed.countDown();

      writer.get(60, TimeUnit.SECONDS);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  subscriber.events().stream().map(DocumentChanged::documentId).distinct().count()
                      == DOCUMENTS);
      List<DocumentChanged> events = subscriber.events();
      long duplicates =
          events.size() - events.stream().map(DocumentChanged::eventId).distinct().count();
      System.out.printf(
          "CDC broker test: %d changes, %d messages, %d duplicates%n",
          DOCUMENTS, events.size(), duplicates);
      // a new connection was opened under the same name
      // (until the relay has reconnected there may be no such connection at all)
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> !relayConnectionPid("crawler-service:broker-it").equals(pid));
      assertThat(watcher.state()).isEqualTo(ChangeStreamWatcher.State.ACTIVE);
      assertThat(
              context
                  .getBean(MeterRegistry.class)
                  .get("llmtwin.cdc.events.published")
                  .counter()
                  .count())
          .isGreaterThanOrEqualTo(DOCUMENTS);
    }
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    try {
      if (!latch.await(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the broker connection was never closed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String relayConnectionPid(String connectionName) {
    String listing =
        rabbitmqctl("-q", "list_connections", "--no-table-headers", "pid", "client_properties")
            .orElseThrow();
    return listing
        .lines()
        .filter(line -> line.contains(connectionName))
        .map(line -> line.split("\\s+", 2)[0])
        .findFirst()
        .orElseThrow(() -> new AssertionError("no connection named " + connectionName));
  }

  private static Optional<String> rabbitmqctl(String... args) {
    List<String> command = new java.util.ArrayList<>();
    command.add("rabbitmqctl");
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(output);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
