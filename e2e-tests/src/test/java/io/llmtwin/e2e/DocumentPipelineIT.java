package io.llmtwin.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.llmtwin.crawler.CrawlerApplication;
import io.llmtwin.crawler.crawl.CrawledDocument;
import io.llmtwin.crawler.store.DocumentStore;
import io.llmtwin.feature.FeatureApplication;
import io.llmtwin.featurestore.FeatureStore;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.testsupport.MongoEndpoint;
import io.llmtwin.testsupport.QdrantEndpoint;
import io.llmtwin.testsupport.RabbitBrokerSupport;
import io.llmtwin.testsupport.RabbitEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole document pipeline in one JVM: crawler-service (its document store and CDC watcher) and
 * feature-service (cleaning, chunking, embedding, indexing) as two Spring Boot applications talking
 * through the test broker (the local RabbitMQ when {@code LLMTWIN_TEST_RABBITMQ_URI} names it),
 * with MongoDB and Qdrant from {@link TestInfrastructure}.
 */
class DocumentPipelineIT {
  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final String RETRY_DELAY = "2s";
  private static final String MAX_ATTEMPTS = "3";

  private static ConfigurableApplicationContext feature;
  private static ConfigurableApplicationContext crawler;
  private static DocumentStore documents;
  private static FeatureStore features;

  @BeforeAll
  static void startServices() throws Exception {
    RabbitBrokerSupport.resetFeatureQueues();
    String database = "e2e_" + UUID.randomUUID().toString().substring(0, 8);
    // feature-service first: it declares the queues the crawler's events are routed to
    feature =
        start(
            FeatureApplication.class,
            common("feature-service", database),
            Map.of(
                "spring.rabbitmq.publisher-confirm-type", "simple",
                "spring.rabbitmq.publisher-returns", "false",
                "spring.rabbitmq.template.mandatory", "false",
                "llmtwin.feature.indexing.retry-delay", RETRY_DELAY,
                "llmtwin.feature.indexing.max-attempts", MAX_ATTEMPTS));
    crawler =
        start(
            CrawlerApplication.class,
            common("crawler-service", database),
            Map.of(
                "spring.rabbitmq.publisher-confirm-type", "correlated",
                "spring.rabbitmq.publisher-returns", "true",
                "spring.rabbitmq.template.mandatory", "true",
                "llmtwin.crawler.cdc.enabled", "true",
                "llmtwin.crawler.cdc.declare-topology", "true",
                "llmtwin.crawler.cdc.retry-delay", RETRY_DELAY,
                "llmtwin.crawler.cdc.max-attempts", MAX_ATTEMPTS,
                "llmtwin.crawler.cdc.max-await", "50ms",
                "llmtwin.crawler.cdc.retry-backoff", "200ms"));
    documents = crawler.getBean(DocumentStore.class);
    features = feature.getBean(FeatureStore.class);
    // inserts must reach the pipeline as change events, not as the watcher's first snapshot
    await().atMost(WITHIN).until(() -> "ACTIVE".equals(cdcState()));
  }

  /** The CDC watcher's state as its health indicator reports it. */
  private static Object cdcState() {
    return crawler.getBeansOfType(HealthIndicator.class).values().stream()
        .filter(h -> h.getClass().getSimpleName().equals("CdcHealthIndicator"))
        .findFirst()
        .orElseThrow()
        .health()
        .getDetails()
        .get("state");
  }

  @AfterAll
  static void stopServices() {
    if (crawler != null) {
      crawler.close();
    }
    if (feature != null) {
      feature.close();
    }
  }

  @Test
  void crawledDocumentsAreIndexedReplacedAndRemoved() {
    RawDocument article = article("https://medium.com/@jane/e2e-" + UUID.randomUUID(), 14);
    RawDocument post =
        raw(DocumentType.POST, Platform.LINKEDIN, "Shipping the LLM twin today 🚀\n#Java #AI");
    RawDocument code =
        raw(
            DocumentType.REPOSITORY,
            Platform.GITHUB,
            "def greet(name):\n    return 'hi ' + name\n\n\nclass Twin:\n    pass\n");
    for (RawDocument d : List.of(article, post, code)) {
      assertThat(documents.save(CrawledDocument.of(d), "e2e"))
          .isEqualTo(DocumentStore.Outcome.INSERTED);
    }
    for (RawDocument d : List.of(article, post, code)) {
      await()
          .atMost(WITHIN)
          .until(
              () ->
                  features.findCleaned(d.type(), d.id()).isPresent()
                      && !features.findChunks(d.type(), d.id()).isEmpty());
    }
    await()
        .atMost(WITHIN)
        .until(() -> features.findChunks(DocumentType.ARTICLE, article.id()).size() > 2);
    int longCount = features.findChunks(DocumentType.ARTICLE, article.id()).size();

    RawDocument shorter = article(article.link(), 1);
    assertThat(documents.save(CrawledDocument.of(shorter), "e2e"))
        .isEqualTo(DocumentStore.Outcome.UPDATED);
    await()
        .atMost(WITHIN)
        .until(() -> features.findChunks(DocumentType.ARTICLE, article.id()).size() < longCount);
    assertThat(features.findCleaned(DocumentType.ARTICLE, article.id()).orElseThrow().content())
        .doesNotContain("Paragraph 5");

    assertThat(documents.delete(DocumentType.ARTICLE, article.id())).isTrue();
    await()
        .atMost(WITHIN)
        .until(
            () ->
                features.findCleaned(DocumentType.ARTICLE, article.id()).isEmpty()
                    && features.findChunks(DocumentType.ARTICLE, article.id()).isEmpty());
    assertThat(features.findChunks(DocumentType.POST, post.id())).isNotEmpty();
  }

  private static Map<String, String> common(String name, String database) {
    MongoEndpoint mongo = TestInfrastructure.mongo();
    RabbitEndpoint rabbit = TestInfrastructure.rabbit();
    QdrantEndpoint qdrant = TestInfrastructure.qdrant();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.application.name", name);
    p.put("server.port", "0");
    p.put("spring.main.banner-mode", "off");
    p.put("spring.mongodb.uri", mongo.uriWithDatabase(database));
    p.put("spring.mongodb.database", database);
    p.put("management.health.mongodb.enabled", String.valueOf(!mongo.isStandIn()));
    p.put("spring.rabbitmq.host", rabbit.host());
    p.put("spring.rabbitmq.port", String.valueOf(rabbit.port()));
    p.put("spring.rabbitmq.username", rabbit.username());
    p.put("spring.rabbitmq.password", rabbit.password());
    p.put("spring.rabbitmq.virtual-host", rabbit.virtualHost());
    p.put("llmtwin.qdrant.host", qdrant.host());
    p.put("llmtwin.qdrant.port", String.valueOf(qdrant.port()));
    p.put("llmtwin.security.api-keys", "a:e2e-key-123");
    return p;
  }

  private static ConfigurableApplicationContext start(
      Class<?> application, Map<String, String> common, Map<String, String> own) {
    Map<String, String> all = new LinkedHashMap<>(common);
    all.putAll(own);
    List<String> args = new ArrayList<>();
    // command-line arguments win over both services' application.yml/properties on the classpath
    all.forEach((k, v) -> args.add("--" + k + "=" + v));
    return new SpringApplicationBuilder(application).run(args.toArray(String[]::new));
  }

  private static RawDocument article(String link, int paragraphs) {
    String content =
        "# Building a twin\n\n"
            + IntStream.range(0, paragraphs)
                .mapToObj(
                    p ->
                        "Paragraph "
                            + p
                            + " explains retrieval augmented generation with Java, Qdrant and"
                            + " RabbitMQ in enough words to make this a realistic paragraph of an"
                            + " article about building an LLM twin from your own writing. It keeps"
                            + " going for a while so that several paragraphs fill a chunk.")
                .collect(Collectors.joining("\n\n"));
    return new RawDocument(
        DocumentIds.forUrl(link),
        DocumentType.ARTICLE,
        "jane",
        Platform.MEDIUM,
        link,
        "Building a twin",
        content,
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.now(),
        DocumentIds.contentHash(content),
        "en",
        null);
  }

  private static RawDocument raw(DocumentType type, Platform platform, String content) {
    String link = "https://example.com/" + type.key() + "/" + UUID.randomUUID();
    boolean code = type == DocumentType.REPOSITORY;
    return new RawDocument(
        DocumentIds.forUrl(link),
        type,
        "jane",
        platform,
        link,
        type.key(),
        content,
        Instant.now(),
        Instant.now(),
        DocumentIds.contentHash(content),
        code ? "python" : "en",
        code ? "src/twin.py" : null);
  }
}
