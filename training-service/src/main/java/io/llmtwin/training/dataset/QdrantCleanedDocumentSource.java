package io.llmtwin.training.dataset;

import static io.qdrant.client.ConditionFactory.matchKeyword;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads cleaned documents from the feature store's payload-only Qdrant collections {@code
 * cleaned_<type>}, scrolling with a filter on {@code author_id}. Payload keys follow the
 * feature-store's {@code FeatureCollections}: {@code document_id, author_id, platform, title,
 * content}.
 */
public final class QdrantCleanedDocumentSource implements CleanedDocumentSource {
  static final String DOCUMENT_ID = "document_id";
  static final String AUTHOR_ID = "author_id";
  static final String PLATFORM = "platform";
  static final String TITLE = "title";
  static final String CONTENT = "content";
  private static final int PAGE = 256;

  private final QdrantClient client;
  private final Duration timeout;

  /** Reads through {@code client}, waiting at most {@code timeout} per call. */
  public QdrantCleanedDocumentSource(QdrantClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** {@code cleaned_<type>}. */
  public static String collection(DocumentType type) {
    return "cleaned_" + type.key();
  }

  @Override
  public List<SourceDocument> documents(String authorId, DocumentType type) {
    String collection = collection(type);
    if (!await(client.collectionExistsAsync(collection))) {
      return List.of();
    }
    List<SourceDocument> out = new ArrayList<>();
    PointId offset = null;
    do {
      ScrollPoints.Builder request =
          ScrollPoints.newBuilder()
              .setCollectionName(collection)
              .setFilter(Filter.newBuilder().addMust(matchKeyword(AUTHOR_ID, authorId)).build())
              .setWithPayload(WithPayloadSelectorFactory.enable(true))
              .setLimit(PAGE);
      if (offset != null) {
        request.setOffset(offset);
      }
      ScrollResponse page = await(client.scrollAsync(request.build()));
      for (RetrievedPoint point : page.getResultList()) {
        out.add(document(point.getPayloadMap(), type, authorId));
      }
      offset = page.hasNextPageOffset() ? page.getNextPageOffset() : null;
    } while (offset != null);
    out.sort(Comparator.comparing(SourceDocument::documentId));
    return out;
  }

  /** Counts with Qdrant's exact count on the {@code author_id} filter, reading no payload. */
  @Override
  public long count(String authorId, DocumentType type) {
    String collection = collection(type);
    if (!await(client.collectionExistsAsync(collection))) {
      return 0;
    }
    return await(
        client.countAsync(
            collection,
            Filter.newBuilder().addMust(matchKeyword(AUTHOR_ID, authorId)).build(),
            true,
            timeout));
  }

  private static SourceDocument document(Map<String, Value> p, DocumentType type, String authorId) {
    return new SourceDocument(
        text(p, DOCUMENT_ID),
        type,
        authorId,
        Platform.parse(text(p, PLATFORM)),
        p.containsKey(TITLE) && p.get(TITLE).hasStringValue() ? text(p, TITLE) : null,
        text(p, CONTENT));
  }

  private static String text(Map<String, Value> payload, String key) {
    Value v = payload.get(key);
    return v == null || !v.hasStringValue() ? "" : v.getStringValue();
  }

  private <T> T await(Future<T> future) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the feature store", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the feature store: " + e.getMessage(), e);
    }
  }
}
