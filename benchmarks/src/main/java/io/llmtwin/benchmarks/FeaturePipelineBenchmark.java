package io.llmtwin.benchmarks;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;
import io.llmtwin.feature.chunking.ChunkingProperties;
import io.llmtwin.feature.chunking.DocumentChunker;
import io.llmtwin.feature.chunking.HuggingFaceTokenCounter;
import io.llmtwin.feature.cleaning.CleaningProperties;
import io.llmtwin.feature.cleaning.DocumentCleaner;
import io.llmtwin.feature.embedding.EmbeddingModelChoice;
import io.llmtwin.feature.embedding.LangChain4jEmbedder;
import io.llmtwin.feature.embedding.MicroBatchingEmbedder;
import io.llmtwin.feature.indexing.DocumentIndexer;
import io.llmtwin.featurestore.FeatureCollections;
import io.llmtwin.featurestore.FeatureStoreSchema;
import io.llmtwin.featurestore.QdrantClientFactory;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.messaging.ChangeOperation;
import io.llmtwin.model.messaging.DocumentChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feature pipeline under load: {@code n} article-sized documents (default 2,000, ~700 words
 * each) are published to RabbitMQ as {@link DocumentChanged} messages and consumed by 4 consumers
 * (prefetch 4, manual acks after the store confirmed) that run the service's own cleaner, chunker,
 * micro-batching embedder (all-MiniLM-L6-v2-q) and Qdrant store (the in-process devstack server).
 * Baseline, same run: the raw model embedding the very same chunk texts in batches of 64. Prints
 * documents/s, chunks/s, p50/p99 event-to-indexed latency and the ratio of pipeline chunks/s to
 * raw.
 *
 * <p>Needs RabbitMQ ({@code LLMTWIN_TEST_RABBITMQ_URI} or 127.0.0.1:5672). Uses its own queue
 * {@code bench.feature.documents}, not the service's topology. Run: {@code ./mvnw -q -pl benchmarks
 * -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.llmtwin.benchmarks.FeaturePipelineBenchmark 2000}
 */
public final class FeaturePipelineBenchmark {
  private static final String QUEUE = "bench.feature.documents";
  private static final int CONSUMERS = 4;
  private static final int PREFETCH = 4;

  private FeaturePipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    String uri =
        System.getenv()
            .getOrDefault("LLMTWIN_TEST_RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672");
    JsonMapper json = JsonMapper.builder().findAndAddModules().build();
    var meters = new SimpleMeterRegistry();
    EmbeddingModelChoice choice = EmbeddingModelChoice.ALL_MINILM_L6_V2_Q;
    EmbeddingModel model = choice.load();
    var embedder =
        new MicroBatchingEmbedder(
            new LangChain4jEmbedder(model, choice.spec()), 64, Duration.ofMillis(20), meters);
    var tokens = HuggingFaceTokenCounter.fromClasspath(choice.tokenizerResource());
    var cleaner = new DocumentCleaner(CleaningProperties.defaults());
    var chunker = new DocumentChunker(ChunkingProperties.defaults(), tokens);
    List<RawDocument> documents = documents(n);

    try (var qdrant = EmbeddedQdrant.builder().port(0).start();
        var client =
            QdrantClientFactory.create(
                QdrantConnectionProperties.of(qdrant.host(), qdrant.port()))) {
      Duration timeout = Duration.ofSeconds(60);
      new FeatureStoreSchema(client, choice.spec(), timeout).ensure();
      var store = new QdrantFeatureStore(client, choice.spec(), timeout);
      var indexer =
          new DocumentIndexer(cleaner, chunker, embedder, store, meters, Clock.systemUTC());

      ConnectionFactory factory = new ConnectionFactory();
      factory.setUri(URI.create(uri));
      List<Long> latenciesMs = Collections.synchronizedList(new ArrayList<>());
      ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch done = new CountDownLatch(n);
      long start;
      long end;
      try (Connection connection = factory.newConnection()) {
        try (Channel admin = connection.createChannel()) {
          admin.queueDelete(QUEUE);
          admin.queueDeclare(QUEUE, false, false, false, null);
        }
        for (int c = 0; c < CONSUMERS; c++) {
          Channel channel = connection.createChannel();
          channel.basicQos(PREFETCH);
          channel.basicConsume(
              QUEUE,
              false,
              new DefaultConsumer(channel) {
                @Override
                public void handleDelivery(
                    String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                    throws java.io.IOException {
                  try {
                    DocumentChanged event = json.readValue(body, DocumentChanged.class);
                    indexer.apply(event);
                    latenciesMs.add(Duration.between(event.occurredAt(), Instant.now()).toMillis());
                  } catch (RuntimeException e) {
                    failures.add(e.toString());
                  }
                  getChannel().basicAck(envelope.getDeliveryTag(), false);
                  done.countDown();
                }
              });
        }
        start = System.nanoTime();
        try (Channel publisher = connection.createChannel()) {
          publisher.confirmSelect();
          for (RawDocument d : documents) {
            DocumentChanged event =
                DocumentChanged.of(d.id() + "-v1", ChangeOperation.INSERT, d, Instant.now());
            publisher.basicPublish(
                "",
                QUEUE,
                new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .deliveryMode(2)
                    .messageId(event.eventId())
                    .build(),
                json.writeValueAsBytes(event));
          }
          publisher.waitForConfirmsOrDie(60_000);
        }
        if (!done.await(30, TimeUnit.MINUTES)) {
          throw new IllegalStateException("pipeline did not finish: " + done.getCount() + " left");
        }
        end = System.nanoTime();
        try (Channel admin = connection.createChannel()) {
          admin.queueDelete(QUEUE);
        }
      }
      if (!failures.isEmpty()) {
        throw new IllegalStateException(
            failures.size() + " documents failed, first: " + failures.peek());
      }
      long chunks = 0;
      for (DocumentType type : List.of(DocumentType.ARTICLE)) {
        chunks = client.countAsync(FeatureCollections.chunks(type)).get();
      }
      double pipelineSeconds = (end - start) / 1e9;

      // baseline: the raw model on exactly the same chunk texts, batches of 64
      List<String> texts = new ArrayList<>();
      for (RawDocument d : documents) {
        texts.addAll(chunker.chunk(d.type(), cleaner.clean(d).content()));
      }
      long rawStart = System.nanoTime();
      for (int i = 0; i < texts.size(); i += 64) {
        model.embedAll(
            texts.subList(i, Math.min(texts.size(), i + 64)).stream()
                .map(TextSegment::from)
                .toList());
      }
      double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

      List<Long> sorted = new ArrayList<>(latenciesMs);
      Collections.sort(sorted);
      double pipelineChunksPerSecond = chunks / pipelineSeconds;
      double rawChunksPerSecond = texts.size() / rawSeconds;
      Summary.of("feature-pipeline")
          .put("documents", n)
          .put("chunks", chunks)
          .put("docs_per_s", n / pipelineSeconds)
          .put("chunks_per_s", pipelineChunksPerSecond)
          .put("p50_lag_ms", Percentiles.nearestRank(sorted, 0.50).orElse(-1L))
          .put("p99_lag_ms", Percentiles.nearestRank(sorted, 0.99).orElse(-1L))
          .put("mean_embed_batch", meters.get("llmtwin.feature.embed.batch.size").summary().mean())
          .put("raw_chunks_per_s", rawChunksPerSecond)
          .ratio(pipelineChunksPerSecond, rawChunksPerSecond)
          .print();
    } finally {
      embedder.close();
      tokens.close();
    }
  }

  private static List<RawDocument> documents(int n) {
    String[] vocabulary =
        ("retrieval augmented generation vector database embedding model chunk token window overlap"
                + " pipeline message queue consumer producer latency throughput batch java spring qdrant"
                + " rabbitmq mongodb crawler article post repository author style twin training inference"
                + " fine tuning adapter quantization prompt context answer question evaluation metric the a"
                + " of and to in is that it for on with as was by this be are from at or an which have")
            .split(" ");
    Random random = new Random(42);
    List<RawDocument> documents = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder("# Article ").append(i).append("\n\n");
      for (int p = 0; p < 6; p++) {
        if (p == 3) {
          text.append("## Section ").append(p).append("\n\n");
        }
        for (int w = 0; w < 115; w++) {
          text.append(vocabulary[random.nextInt(vocabulary.length)])
              .append(w % 14 == 13 ? ". " : " ");
        }
        text.append("\n\n");
      }
      String link = "https://medium.com/@bench/article-" + i;
      String content = text.toString();
      documents.add(
          new RawDocument(
              DocumentIds.forUrl(link),
              DocumentType.ARTICLE,
              "bench-author-" + (i % 10),
              Platform.MEDIUM,
              link,
              "Article " + i,
              content,
              Instant.parse("2026-01-01T00:00:00Z"),
              Instant.now(),
              DocumentIds.contentHash(content),
              "en",
              null));
    }
    return documents;
  }
}
