package io.llmtwin.training;

import static io.qdrant.client.ValueFactory.value;

import io.llmtwin.model.document.DocumentType;
import io.llmtwin.testsupport.QdrantEndpoint;
import io.llmtwin.testsupport.TestInfrastructure;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.VectorsFactory;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Points.PointStruct;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Writes cleaned documents into the stand-in Qdrant the way the feature store does. */
public final class FeatureStoreFixture implements AutoCloseable {
  private final QdrantClient client;

  public FeatureStoreFixture() {
    QdrantEndpoint q = TestInfrastructure.qdrant();
    client =
        new QdrantClient(QdrantGrpcClient.newBuilder(q.host(), q.port(), false, false).build());
  }

  public void put(
      String authorId,
      DocumentType type,
      String documentId,
      String platform,
      String title,
      String content)
      throws Exception {
    String collection = "cleaned_" + type.key();
    if (!client.collectionExistsAsync(collection).get(10, TimeUnit.SECONDS)) {
      try {
        client
            .createCollectionAsync(
                CreateCollection.newBuilder().setCollectionName(collection).build())
            .get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        if (!client.collectionExistsAsync(collection).get(10, TimeUnit.SECONDS)) {
          throw e;
        }
      }
    }
    PointStruct point =
        PointStruct.newBuilder()
            .setId(
                PointIdFactory.id(
                    UUID.nameUUIDFromBytes(
                        ("cleaned:" + documentId).getBytes(StandardCharsets.UTF_8))))
            .setVectors(VectorsFactory.namedVectors(Map.of()))
            .putAllPayload(
                Map.of(
                    "document_id", value(documentId),
                    "document_type", value(type.key()),
                    "author_id", value(authorId),
                    "platform", value(platform),
                    "content", value(content)))
            .putAllPayload(title == null ? Map.of() : Map.of("title", value(title)))
            .build();
    client.upsertAsync(collection, List.of(point)).get(10, TimeUnit.SECONDS);
  }

  /** A small corpus: three articles and four posts. */
  public void corpus(String authorId) throws Exception {
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
          authorId + "-article-" + i,
          "medium",
          topics[i],
          body.toString());
    }
    for (int i = 0; i < 4; i++) {
      put(
          authorId,
          DocumentType.POST,
          authorId + "-post-" + i,
          "linkedin",
          null,
          "Shipping update number "
              + i
              + ": our team released retrieval improvements and measured recall.");
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
