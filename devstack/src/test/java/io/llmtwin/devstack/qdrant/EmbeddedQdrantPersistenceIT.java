package io.llmtwin.devstack.qdrant;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EmbeddedQdrant keeps collections in its data directory across restarts. */
class EmbeddedQdrantPersistenceIT {
  @TempDir Path dataDirectory;

  @Test
  void keepsCollectionsPointsAndIndexesAcrossARestart() throws Exception {
    UUID uuid = UUID.randomUUID();
    withServer(
        client -> {
          call(client.createCollectionAsync(definition("docs")));
          call(client.createCollectionAsync(definition("scratch")));
          call(
              client.upsertAsync(
                  "docs",
                  List.of(
                      PointStruct.newBuilder()
                          .setId(id(uuid))
                          .setVectors(
                              namedVectors(
                                  Map.of(
                                      "dense",
                                      vector(3f, 4f),
                                      "keywords",
                                      vector(List.of(0.25f), List.of(9)))))
                          .putPayload("author", value("alice"))
                          .build(),
                      PointStruct.newBuilder()
                          .setId(id(2))
                          .setVectors(namedVectors(Map.of("dense", vector(0f, 1f))))
                          .putPayload("author", value("bob"))
                          .build())));
          call(
              client.createPayloadIndexAsync(
                  "docs", "author", PayloadSchemaType.Keyword, null, true, null, null));
          call(client.deleteCollectionAsync("scratch"));
          return null;
        });

    withServer(
        client -> {
          assertThat(call(client.listCollectionsAsync())).containsExactly("docs");
          assertThat(call(client.countAsync("docs"))).isEqualTo(2);
          assertThat(
                  call(
                      client.countAsync(
                          "docs",
                          Filter.newBuilder().addMust(matchKeyword("author", "alice")).build(),
                          true)))
              .isEqualTo(1);
          RetrievedPoint p =
              call(client.retrieveAsync("docs", List.of(id(uuid)), true, true, null)).get(0);
          assertThat(p.getPayloadMap()).containsEntry("author", value("alice"));
          assertThat(p.getVectors().getVectors().getVectorsMap().get("dense").getDataList())
              .containsExactly(0.6f, 0.8f);
          assertThat(p.getVectors().getVectors().getVectorsMap().get("keywords").getDataList())
              .containsExactly(0.25f);
          assertThat(call(client.getCollectionInfoAsync("docs")).getPayloadSchemaMap())
              .containsKey("author");
          // writes after a restart continue to persist
          call(client.deleteAsync("docs", List.of(id(2))));
          return null;
        });

    withServer(
        client -> {
          assertThat(call(client.countAsync("docs"))).isEqualTo(1);
          return null;
        });
  }

  private void withServer(Function<QdrantClient, Void> body) {
    try (EmbeddedQdrant qdrant =
            EmbeddedQdrant.builder().port(0).dataDirectory(dataDirectory).start();
        QdrantClient client =
            new QdrantClient(
                QdrantGrpcClient.newBuilder(qdrant.host(), qdrant.port(), false).build())) {
      body.apply(client);
    }
  }

  private static <T> T call(java.util.concurrent.Future<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } catch (Exception e) {
      throw new AssertionError("Qdrant call failed", e);
    }
  }

  private static CreateCollection definition(String name) {
    return CreateCollection.newBuilder()
        .setCollectionName(name)
        .setVectorsConfig(
            VectorsConfig.newBuilder()
                .setParamsMap(
                    VectorParamsMap.newBuilder()
                        .putMap(
                            "dense",
                            VectorParams.newBuilder()
                                .setSize(2)
                                .setDistance(Distance.Cosine)
                                .build())))
        .setSparseVectorsConfig(
            SparseVectorConfig.newBuilder()
                .putMap("keywords", SparseVectorParams.getDefaultInstance()))
        .build();
  }
}
