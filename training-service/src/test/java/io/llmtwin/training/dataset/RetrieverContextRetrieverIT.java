package io.llmtwin.training.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.featurestore.EmbeddedChunk;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.llmtwin.featurestore.FeatureStoreSchema;
import io.llmtwin.featurestore.QdrantClientFactory;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.llmtwin.featurestore.retrieval.ContextFormatter;
import io.llmtwin.featurestore.retrieval.QdrantRetriever;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RAG context from the real retrieval client over the stand-in Qdrant, indexed through the feature
 * store's write API with the production embedding model.
 */
class RetrieverContextRetrieverIT {
  private static final EmbeddingModelSpec SPEC = new EmbeddingModelSpec("all-minilm-l6-v2-q", 384);
  private static EmbeddedQdrant qdrant;
  private static QdrantClient client;
  private static EmbeddingModel model;

  @BeforeAll
  static void index() {
    qdrant = EmbeddedQdrant.builder().port(0).start();
    client =
        QdrantClientFactory.create(QdrantConnectionProperties.of(qdrant.host(), qdrant.port()));
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    Duration timeout = Duration.ofSeconds(30);
    new FeatureStoreSchema(client, SPEC, timeout).ensure();
    QdrantFeatureStore store = new QdrantFeatureStore(client, SPEC, timeout);
    store(
        store,
        "ana-1",
        "ana",
        "Sagas",
        "A saga compensates each step of a distributed transaction.");
    store(store, "ana-2", "ana", "Sourdough", "Feed the starter with flour and water every day.");
    store(
        store,
        "ana-3",
        "ana",
        "Outbox",
        "Write the event and the state change in one transaction.");
    store(store, "bob-1", "bob", "Bob on sagas", "Distributed transactions need sagas, says Bob.");
  }

  private static void store(
      QdrantFeatureStore store, String id, String author, String title, String text) {
    CleanedDocument document =
        new CleanedDocument(
            id,
            DocumentType.ARTICLE,
            author,
            Platform.MEDIUM,
            "https://medium.com/@" + author + "/" + id,
            title,
            Instant.parse("2026-01-02T00:00:00Z"),
            "hash-" + id,
            "en",
            null,
            Instant.parse("2026-01-03T00:00:00Z"),
            text);
    store.upsertCleaned(document);
    store.replaceChunks(
        document,
        List.of(
            new EmbeddedChunk(0, text, model.embed(TextSegment.from(text)).content().vector())));
  }

  @AfterAll
  static void stop() {
    client.close();
    qdrant.close();
  }

  @Test
  void ragContextComesFromTheAuthorsOtherDocumentsOnly() {
    RetrieverContextRetriever retriever =
        new RetrieverContextRetriever(
            QdrantRetriever.builder(client, model).build(),
            new ContextFormatter(new HuggingFaceTokenCountEstimator()),
            5);

    String context =
        retriever
            .context("ana", "Explain distributed transactions and sagas", "ana-1")
            .orElseThrow();

    assertThat(context).startsWith("[1] ").contains("Outbox — article, medium, 2026-01-02");
    assertThat(context).doesNotContain("compensates each step").doesNotContain("Bob");
  }
}
