package io.llmtwin.crawler.cdc;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import com.mongodb.client.model.changestream.FullDocument;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bson.Document;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Compares, in one run, the CDC relay ({@link ChangeStreamWatcher}: one long-lived connection,
 * pipelined confirms per batch) with the naive design (a connection per message, confirm, close) at
 * a fixed insert rate. Both read the same kind of change stream (mongo-java-server) and publish to
 * the local RabbitMQ; the latency runs from the insert to the message reaching a consumer, which
 * the broker does right before it confirms a persistent message to the publisher. Prints one line:
 * {@code BENCH cdc-relay ... ratio=<relay events/s / naive events/s>}.
 *
 * <p>It lives in the crawler-service test sources (not in {@code benchmarks}) because the relay is
 * package-private and the service jar is a repackaged Boot jar. Run: see {@code
 * docs/benchmarks/cdc.md}. Arguments: {@code [insertsPerSecond=200] [seconds=10]}.
 */
public final class CdcRelayBenchmark {
  private CdcRelayBenchmark() {}

  public static void main(String[] args) throws Exception {
    try {
      run(args);
    } finally {
      // the in-process MongoDB stand-in keeps non-daemon threads
      System.exit(0);
    }
  }

  private static void run(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int count = rate * seconds;
    Result relay = runRelay(rate, count);
    Result naive = runNaive(rate, count);
    System.out.println(relay.describe("relay"));
    System.out.println(naive.describe("naive"));
    System.out.printf(
        Locale.ROOT,
        "BENCH cdc-relay rate=%d events=%d relay_events_per_s=%.1f relay_p50_ms=%.1f"
            + " relay_p99_ms=%.1f naive_events_per_s=%.1f naive_p50_ms=%.1f naive_p99_ms=%.1f"
            + " ratio=%.3f%n",
        rate,
        count,
        relay.eventsPerSecond(),
        relay.percentileMillis(50),
        relay.percentileMillis(99),
        naive.eventsPerSecond(),
        naive.percentileMillis(50),
        naive.percentileMillis(99),
        relay.eventsPerSecond() / naive.eventsPerSecond());
  }

  private static Result runRelay(int rate, int count) throws Exception {
    CdcTestInfrastructure.Scope scope = CdcTestInfrastructure.newScope();
    try (MongoClient mongo = CdcTestInfrastructure.mongoClient();
        Timing timing = new Timing(scope.exchange());
        ConfigurableApplicationContext context =
            scope.start("bench-relay", "llmtwin.crawler.cdc.max-await=20ms")) {
      ChangeStreamWatcher watcher = context.getBean(ChangeStreamWatcher.class);
      while (watcher.state() != ChangeStreamWatcher.State.ACTIVE) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
      }
      return insertAndMeasure(scope.db(mongo).getCollection("articles"), rate, count, timing);
    }
  }

  private static Result runNaive(int rate, int count) throws Exception {
    CdcTestInfrastructure.Scope scope = CdcTestInfrastructure.newScope();
    try (MongoClient mongo = CdcTestInfrastructure.mongoClient();
        Timing timing = new Timing(scope.exchange())) {
      MongoCollection<Document> articles = scope.db(mongo).getCollection("articles");
      NaiveRelay naive = new NaiveRelay(articles, scope.exchange(), scope.db(mongo));
      Thread thread = new Thread(naive, "naive-relay");
      thread.start();
      try {
        return insertAndMeasure(articles, rate, count, timing);
      } finally {
        naive.running = false;
        thread.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
  }

  private static Result insertAndMeasure(
      MongoCollection<Document> articles, int rate, int count, Timing timing) {
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      Document doc = TestDocuments.article("bench-" + i, "author-1", "content " + i);
      timing.inserted.put(doc.getString("_id"), System.nanoTime());
      articles.insertOne(doc);
    }
    double insertSeconds = (System.nanoTime() - start) / 1e9;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (timing.latencies.size() < count && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    long end = timing.lastArrival == 0 ? System.nanoTime() : timing.lastArrival;
    return new Result(
        new ArrayList<>(timing.latencies.values()),
        count,
        (end - start) / 1e9,
        count / insertSeconds);
  }

  /** Receives the published messages and records insert → arrival per document. */
  private static final class Timing implements AutoCloseable {
    final Map<String, Long> inserted = new ConcurrentHashMap<>();
    final Map<String, Long> latencies = new ConcurrentHashMap<>();
    volatile long lastArrival;
    private final Connection connection;

    Timing(String exchange) throws Exception {
      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(CdcTestInfrastructure.rabbitUri());
      connection = factory.newConnection("cdc-bench-consumer");
      Channel channel = connection.createChannel();
      channel.exchangeDeclare(exchange, "topic", true);
      String queue = channel.queueDeclare("", false, true, true, Map.of()).getQueue();
      channel.queueBind(queue, exchange, "#");
      channel.basicConsume(
          queue,
          true,
          new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(
                String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
              long now = System.nanoTime();
              String id = props.getCorrelationId();
              if (id == null) {
                String json = new String(body, StandardCharsets.UTF_8);
                int at = json.indexOf("\"documentId\":\"") + 14;
                id = json.substring(at, json.indexOf('"', at));
              }
              Long insertedAt = inserted.get(id);
              if (insertedAt != null && latencies.putIfAbsent(id, now - insertedAt) == null) {
                lastArrival = now;
              }
            }
          });
    }

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }

  /** The naive design: for every change a new connection, one publish, wait for its confirm. */
  private static final class NaiveRelay implements Runnable {
    private final String exchange;
    private final ResumeTokenStore offsets;
    volatile boolean running = true;

    private final MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor;

    NaiveRelay(
        MongoCollection<Document> articles,
        String exchange,
        com.mongodb.client.MongoDatabase database) {
      this.exchange = exchange;
      this.offsets = new ResumeTokenStore(database, "cdc_offsets");
      // opened before the first insert, like the relay's stream
      this.cursor =
          articles
              .watch()
              .fullDocument(FullDocument.UPDATE_LOOKUP)
              .maxAwaitTime(20, TimeUnit.MILLISECONDS)
              .cursor();
    }

    @Override
    public void run() {
      ConnectionFactory factory = new ConnectionFactory();
      try {
        factory.setUri(CdcTestInfrastructure.rabbitUri());
      } catch (Exception e) {
        throw new IllegalStateException("bad RabbitMQ URI", e);
      }
      try (cursor) {
        while (running) {
          ChangeStreamDocument<Document> change = cursor.tryNext();
          if (change == null || change.getFullDocument() == null) {
            // the stand-in ignores maxAwaitTime: poll like the relay does
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            continue;
          }
          String id = change.getFullDocument().getString("_id");
          try (Connection connection = factory.newConnection("cdc-bench-naive")) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();
            channel.basicPublish(
                exchange,
                "article.insert",
                new AMQP.BasicProperties.Builder()
                    .correlationId(id)
                    .deliveryMode(MessageProperties.PERSISTENT_BASIC.getDeliveryMode())
                    .contentType("application/json")
                    .build(),
                change.getFullDocument().toJson().getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
          } catch (Exception e) {
            System.err.println("naive relay: " + e.getMessage());
          }
          offsets.save("articles", change.getResumeToken());
        }
      }
    }
  }

  private record Result(
      List<Long> latenciesNanos, int expected, double seconds, double insertsPerSecond) {
    double eventsPerSecond() {
      return latenciesNanos.size() / seconds;
    }

    double percentileMillis(int percentile) {
      if (latenciesNanos.isEmpty()) {
        return Double.NaN;
      }
      List<Long> sorted = new ArrayList<>(latenciesNanos);
      Collections.sort(sorted);
      int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, index)) / 1e6;
    }

    String describe(String name) {
      return String.format(
          Locale.ROOT,
          "%s: inserts at %.1f/s; %d/%d events in %.1f s = %.1f events/s, p50 %.1f ms, p99 %.1f ms",
          name,
          insertsPerSecond,
          latenciesNanos.size(),
          expected,
          seconds,
          eventsPerSecond(),
          percentileMillis(50),
          percentileMillis(99));
    }
  }
}
