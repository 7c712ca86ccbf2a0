package io.llmtwin.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.llmtwin.featurestore.ChangeTime;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.featurestore.EmbeddedChunk;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.llmtwin.featurestore.FeatureStoreSchema;
import io.llmtwin.featurestore.QdrantClientFactory;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.testsupport.QdrantEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import io.qdrant.client.QdrantClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an author's corpus into the stand-in Qdrant through the feature store's write API, the way
 * the feature pipeline does: the cleaned document ({@code cleaned_<type>}) and its chunks ({@code
 * chunks_<type>}, one per paragraph) embedded with the retrieval client's model, so RAG-augmented
 * samples find context.
 */
public final class FeatureStoreFixture implements AutoCloseable {
  /**
   * The embedding model of the retrieval client (feature-store {@code RetrievalAutoConfiguration}).
   */
  public static final EmbeddingModelSpec MODEL = new EmbeddingModelSpec("all-minilm-l6-v2-q", 384);

  /** Words that appear only in {@link #neighbour(String)}'s corpus. */
  public static final String NEIGHBOUR_MARK = "neighbourly";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddingModel embeddings;
  private final QdrantClient client;
  private final QdrantFeatureStore store;

  public FeatureStoreFixture() {
    QdrantEndpoint q = TestInfrastructure.qdrant();
    client = QdrantClientFactory.create(QdrantConnectionProperties.of(q.host(), q.port()));
    Duration timeout = Duration.ofSeconds(30);
    new FeatureStoreSchema(client, MODEL, timeout).ensure();
    store = new QdrantFeatureStore(client, MODEL, timeout);
  }

  private static synchronized EmbeddingModel embeddings() {
    if (embeddings == null) {
      embeddings = new AllMiniLmL6V2QuantizedEmbeddingModel();
    }
    return embeddings;
  }

  /** Stores one cleaned document and its paragraph chunks. */
  public void put(
      String authorId,
      DocumentType type,
      String documentId,
      String platform,
      String title,
      String content) {
    CleanedDocument document =
        new CleanedDocument(
            documentId,
            type,
            authorId,
            Platform.parse(platform),
            null,
            title,
            Instant.parse("2026-10-01T00:00:00Z"),
            null,
            "en",
            null,
            null,
            content);
    store.upsertCleaned(document);
    List<EmbeddedChunk> chunks = new ArrayList<>();
    for (String paragraph : content.split("\n\\s*\n")) {
      String text = paragraph.strip();
      if (!text.isEmpty()) {
        chunks.add(
            new EmbeddedChunk(
                chunks.size(),
                text,
                embeddings().embed(TextSegment.from(text)).content().vector()));
      }
    }
    store.replaceChunks(document, chunks);
  }

  /** Deletes a document the way the feature pipeline applies a delete: it leaves a tombstone. */
  public void delete(DocumentType type, String documentId) {
    store.deleteDocument(type, documentId, ChangeTime.at(Instant.now()));
  }

  /** A small corpus: three articles and four posts. */
  public void corpus(String authorId) {
    String[] topics = {"rust ownership", "vector databases", "fine tuning llamas"};
    for (int i = 0; i < topics.length; i++) {
      StringBuilder body = new StringBuilder("# " + topics[i] + "\n\n");
      for (int s = 0; s < 3; s++) {
        body.append("## Part ").append(s).append("\n\n");
        body.append(
                ("When I first met %s I wrote notes about %s, mistakes, lessons and experiments"
                        + " in section %d; reach me at jane.doe@example.com or +1 (555) 123-4567.")
                    .formatted(topics[i], topics[i], s))
            .append("\n\n");
      }
      put(
          authorId,
          DocumentType.ARTICLE,
          articleId(authorId, i),
          "medium",
          topics[i],
          body.toString());
    }
    for (int i = 0; i < 4; i++) {
      put(
          authorId,
          DocumentType.POST,
          postId(authorId, i),
          "linkedin",
          null,
          "Shipping update number "
              + i
              + ": our team released retrieval improvements and measured recall.");
    }
  }

  /**
   * Another author writing about the same topics (so only the author filter keeps their texts out
   * of {@code authorId}'s context); every paragraph carries {@link #NEIGHBOUR_MARK}.
   */
  public void neighbour(String authorId) {
    put(
        authorId,
        DocumentType.ARTICLE,
        authorId + "-article-0",
        "medium",
        "rust ownership and vector databases",
        "My "
            + NEIGHBOUR_MARK
            + " notes on rust ownership, vector databases and fine tuning"
            + " llamas, with shipping updates on retrieval improvements and measured recall.");
    put(
        authorId,
        DocumentType.POST,
        authorId + "-post-0",
        "linkedin",
        null,
        "A " + NEIGHBOUR_MARK + " shipping update: our team released retrieval improvements.");
  }

  /**
   * Checks the dataset rows (JSONL lines of {@link #corpus(String)}'s author) that carry retrieved
   * context: each context holds text of another of the author's documents, none of the sample's own
   * document, nothing of another author and no PII.
   *
   * @return how many rows carry context
   */
  public static int assertContextFromTheAuthorsOtherDocuments(List<JsonNode> rows) {
    int withContext = 0;
    for (JsonNode row : rows) {
      String context = row.path("input").asText("");
      if (context.isEmpty()) {
        continue;
      }
      withContext++;
      String own = distinctive(row.path("document_id").asText());
      assertThat(context)
          .as("context of a sample cut from %s", row.path("document_id").asText())
          .doesNotContain(NEIGHBOUR_MARK)
          .doesNotContain("jane.doe@example.com")
          .doesNotContain(own);
      assertThat(DISTINCTIVE.stream().filter(d -> !d.equals(own)).anyMatch(context::contains))
          .as("context holds another document of the author: %s", context)
          .isTrue();
    }
    return withContext;
  }

  /** Per document of {@link #corpus(String)}, text found in its chunks and nowhere else. */
  private static final List<String> DISTINCTIVE =
      List.of(
          "met rust ownership",
          "met vector databases",
          "met fine tuning llamas",
          "update number 0",
          "update number 1",
          "update number 2",
          "update number 3");

  private static String distinctive(String documentId) {
    int i = Integer.parseInt(documentId.substring(documentId.lastIndexOf('-') + 1));
    return DISTINCTIVE.get(documentId.contains("-article-") ? i : 3 + i);
  }

  /** Reads a JSONL artifact into its rows. */
  public static List<JsonNode> jsonl(ArtifactStore artifacts, String key) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    try (InputStream in = artifacts.get(key)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          rows.add(JSON.readTree(line));
        }
      }
    }
    return rows;
  }

  public static String articleId(String authorId, int i) {
    return authorId + "-article-" + i;
  }

  public static String postId(String authorId, int i) {
    return authorId + "-post-" + i;
  }

  @Override
  public void close() {
    client.close();
  }
}
