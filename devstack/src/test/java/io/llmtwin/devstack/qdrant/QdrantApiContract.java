package io.llmtwin.devstack.qdrant;

import static io.qdrant.client.ConditionFactory.filter;
import static io.qdrant.client.ConditionFactory.hasId;
import static io.qdrant.client.ConditionFactory.isEmpty;
import static io.qdrant.client.ConditionFactory.match;
import static io.qdrant.client.ConditionFactory.matchExceptKeywords;
import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.ConditionFactory.matchKeywords;
import static io.qdrant.client.ConditionFactory.nested;
import static io.qdrant.client.ConditionFactory.range;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.QueryFactory.fusion;
import static io.qdrant.client.QueryFactory.nearest;
import static io.qdrant.client.ValueFactory.list;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorFactory.vector;
import static io.qdrant.client.VectorsFactory.namedVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantException;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.Collections.CollectionInfo;
import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.SparseVectorConfig;
import io.qdrant.client.grpc.Collections.SparseVectorParams;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Collections.VectorParamsMap;
import io.qdrant.client.grpc.Collections.VectorsConfig;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PointId;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.Range;
import io.qdrant.client.grpc.Points.ReadConsistency;
import io.qdrant.client.grpc.Points.ReadConsistencyType;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.Vector;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What this project relies on from Qdrant's gRPC API. Every assertion goes through the official
 * {@link QdrantClient} over gRPC; subclasses point it at EmbeddedQdrant or at a real Qdrant, and
 * both must pass the very same assertions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QdrantApiContract {
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static final float[] ALONG_X = {1, 0, 0, 0};

  private final List<String> created = new ArrayList<>();
  private QdrantClient client;

  /** Host of the server under test. */
  protected abstract String host();

  /** gRPC port of the server under test. */
  protected abstract int grpcPort();

  @BeforeAll
  void connect() {
    client = new QdrantClient(QdrantGrpcClient.newBuilder(host(), grpcPort(), false).build());
  }

  @AfterAll
  void disconnect() {
    client.close();
  }

  @AfterEach
  void dropCollections() throws Exception {
    for (String name : created) {
      if (get(client.collectionExistsAsync(name))) {
        get(client.deleteCollectionAsync(name));
      }
    }
    created.clear();
  }

  // ---------------------------------------------------------------- collections

  @Test
  void answersHealthCheckWithAVersion() throws Exception {
    HealthCheckReply reply = get(client.healthCheckAsync());
    assertThat(reply.getVersion()).startsWith("1.");
  }

  @Test
  void createsCollectionWithNamedDenseAndSparseVectorsAndDescribesIt() throws Exception {
    String name = hybridCollection();

    assertThat(get(client.collectionExistsAsync(name))).isTrue();
    assertThat(get(client.listCollectionsAsync())).contains(name);
    CollectionInfo info = get(client.getCollectionInfoAsync(name));
    assertThat(info.getPointsCount()).isZero();
    Map<String, VectorParams> vectors =
        info.getConfig().getParams().getVectorsConfig().getParamsMap().getMapMap();
    assertThat(vectors.get("dense").getSize()).isEqualTo(4);
    assertThat(vectors.get("dense").getDistance()).isEqualTo(Distance.Cosine);
    assertThat(vectors.get("dot").getSize()).isEqualTo(3);
    assertThat(vectors.get("dot").getDistance()).isEqualTo(Distance.Dot);
    assertThat(info.getConfig().getParams().getSparseVectorsConfig().getMapMap())
        .containsOnlyKeys("keywords");
  }

  @Test
  void rejectsCreatingACollectionThatAlreadyExists() throws Exception {
    String name = hybridCollection();

    assertStatus(
        () -> client.createCollectionAsync(hybridDefinition(name)).get(),
        Status.Code.ALREADY_EXISTS);
  }

  @Test
  void deletesACollectionAndReportsWhetherItExisted() throws Exception {
    String name = hybridCollection();

    assertThat(get(client.deleteCollectionAsync(name)).getResult()).isTrue();
    assertThat(get(client.collectionExistsAsync(name))).isFalse();
    assertThat(get(client.listCollectionsAsync())).doesNotContain(name);
    // Qdrant answers result=false for a missing collection, which the Java client turns into an
    // error
    assertThatThrownBy(() -> get(client.deleteCollectionAsync(name)))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(QdrantException.class);
  }

  @Test
  void answersNotFoundForEveryCallOnAMissingCollection() throws Exception {
    String missing = "missing_" + UUID.randomUUID().toString().replace("-", "");

    assertThat(get(client.collectionExistsAsync(missing))).isFalse();
    assertStatus(() -> client.getCollectionInfoAsync(missing).get(), Status.Code.NOT_FOUND);
    assertStatus(
        () -> client.upsertAsync(missing, List.of(densePoint(1, ALONG_X))).get(),
        Status.Code.NOT_FOUND);
    assertStatus(
        () -> client.retrieveAsync(missing, List.of(id(1)), true, false, null).get(),
        Status.Code.NOT_FOUND);
    assertStatus(
        () ->
            client.scrollAsync(ScrollPoints.newBuilder().setCollectionName(missing).build()).get(),
        Status.Code.NOT_FOUND);
    assertStatus(() -> client.countAsync(missing).get(), Status.Code.NOT_FOUND);
    assertStatus(() -> client.deleteAsync(missing, List.of(id(1))).get(), Status.Code.NOT_FOUND);
    assertStatus(
        () ->
            client
                .searchAsync(
                    SearchPoints.newBuilder()
                        .setCollectionName(missing)
                        .addAllVector(floats(ALONG_X))
                        .setVectorName("dense")
                        .setLimit(3)
                        .build())
                .get(),
        Status.Code.NOT_FOUND);
    assertStatus(
        () ->
            client
                .queryAsync(
                    QueryPoints.newBuilder()
                        .setCollectionName(missing)
                        .setQuery(nearest(ALONG_X))
                        .setUsing("dense")
                        .build())
                .get(),
        Status.Code.NOT_FOUND);
    assertStatus(
        () ->
            client
                .createPayloadIndexAsync(
                    missing, "author", PayloadSchemaType.Keyword, null, true, null, null)
                .get(),
        Status.Code.NOT_FOUND);
  }

  @Test
  void createsPayloadIndexesVisibleInCollectionInfo() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    get(
        client.createPayloadIndexAsync(
            name, "author", PayloadSchemaType.Keyword, null, true, null, null));
    get(
        client.createPayloadIndexAsync(
            name, "year", PayloadSchemaType.Integer, null, true, null, null));

    Map<String, io.qdrant.client.grpc.Collections.PayloadSchemaInfo> schema =
        get(client.getCollectionInfoAsync(name)).getPayloadSchemaMap();
    assertThat(schema.get("author").getDataType()).isEqualTo(PayloadSchemaType.Keyword);
    assertThat(schema.get("year").getDataType()).isEqualTo(PayloadSchemaType.Integer);
    // filtering on an indexed field still works
    assertThat(
            ids(scroll(name, Filter.newBuilder().addMust(matchKeyword("author", "alice")).build())))
        .containsExactly(1L, 4L);
  }

  // ---------------------------------------------------------------- writes and reads

  @Test
  void upsertsPointsWithUuidAndNumericIdsAndReturnsThemByGet() throws Exception {
    String name = hybridCollection();
    UUID uuid = UUID.fromString("5c56c793-69f3-4fbf-87e6-c4bf54c28c26");
    Map<String, Vector> vectors = new HashMap<>();
    vectors.put("dense", vector(1f, 2f, 2f, 0f));
    vectors.put("dot", vector(1f, 2f, 3f));
    vectors.put("keywords", vector(List.of(0.5f, 2f), List.of(7, 3)));
    get(
        client.upsertAsync(
            name,
            List.of(
                PointStruct.newBuilder()
                    .setId(id(uuid))
                    .setVectors(namedVectors(vectors))
                    .putAllPayload(Map.of("title", value("hello"), "n", value(7)))
                    .build(),
                densePoint(42, ALONG_X))));

    List<RetrievedPoint> found =
        get(client.retrieveAsync(name, List.of(id(uuid), id(42), id(999)), true, true, null));

    assertThat(found).hasSize(2);
    RetrievedPoint first = found.get(0);
    assertThat(first.getId().getUuid()).isEqualTo(uuid.toString());
    assertThat(first.getPayloadMap())
        .containsEntry("title", value("hello"))
        .containsEntry("n", value(7));
    Map<String, io.qdrant.client.grpc.Points.VectorOutput> out =
        first.getVectors().getVectors().getVectorsMap();
    // Cosine vectors come back normalised, Dot vectors raw
    assertThat(out.get("dense").getDataList())
        .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6f ? 0 : Float.compare(a, b))
        .containsExactly(1f / 3, 2f / 3, 2f / 3, 0f);
    assertThat(out.get("dot").getDataList()).containsExactly(1f, 2f, 3f);
    Map<Integer, Float> sparse = new HashMap<>();
    for (int i = 0; i < out.get("keywords").getIndices().getDataCount(); i++) {
      sparse.put(out.get("keywords").getIndices().getData(i), out.get("keywords").getData(i));
    }
    assertThat(sparse).containsExactlyInAnyOrderEntriesOf(Map.of(7, 0.5f, 3, 2f));
    assertThat(found.get(1).getId().getNum()).isEqualTo(42);
  }

  @Test
  void getLeavesOutPayloadAndVectorsUnlessAskedAndHonoursIncludeAndExclude() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    RetrievedPoint bare =
        get(client.retrieveAsync(name, List.of(id(1)), false, false, null)).get(0);
    assertThat(bare.getPayloadMap()).isEmpty();
    assertThat(bare.hasVectors()).isFalse();

    RetrievedPoint included =
        get(client.retrieveAsync(
                name,
                List.of(id(1)),
                WithPayloadSelectorFactory.include(List.of("author", "meta.lang")),
                WithVectorsSelectorFactory.include(List.of("dense")),
                null))
            .get(0);
    assertThat(included.getPayloadMap()).containsOnlyKeys("author", "meta");
    assertThat(included.getPayloadMap().get("meta").getStructValue().getFieldsMap())
        .containsOnlyKeys("lang");
    assertThat(included.getVectors().getVectors().getVectorsMap()).containsOnlyKeys("dense");

    RetrievedPoint excluded =
        get(client.retrieveAsync(
                name,
                List.of(id(1)),
                WithPayloadSelectorFactory.exclude(List.of("tags", "chunks")),
                WithVectorsSelectorFactory.enable(false),
                null))
            .get(0);
    assertThat(excluded.getPayloadMap())
        .containsKeys("author", "year", "draft", "meta")
        .doesNotContainKeys("tags", "chunks");
  }

  @Test
  void upsertReplacesTheWholePoint() throws Exception {
    String name = hybridCollection();
    get(
        client.upsertAsync(
            name, List.of(point(7, Map.of("a", value(1), "b", value(2)), ALONG_X, null))));
    get(client.upsertAsync(name, List.of(point(7, Map.of("c", value(3)), ALONG_X, null))));

    RetrievedPoint p = get(client.retrieveAsync(name, List.of(id(7)), true, false, null)).get(0);
    assertThat(p.getPayloadMap()).containsOnlyKeys("c");
    assertThat(get(client.countAsync(name))).isEqualTo(1);
  }

  @Test
  void setsOverwritesDeletesAndClearsPayloadWithoutTouchingVectors() throws Exception {
    String name = hybridCollection();
    get(
        client.upsertAsync(
            name,
            List.of(
                point(1, Map.of("a", value(1), "b", value(2)), ALONG_X, null),
                point(2, Map.of("a", value(9)), ALONG_X, null))));

    get(
        client.setPayloadAsync(
            name, Map.of("b", value(3), "c", value(4)), id(1), true, null, null));
    assertThat(payloadOf(name, 1))
        .containsExactlyInAnyOrderEntriesOf(Map.of("a", value(1), "b", value(3), "c", value(4)));

    get(client.deletePayloadAsync(name, List.of("a"), id(1), true, null, null));
    assertThat(payloadOf(name, 1)).containsOnlyKeys("b", "c");

    get(
        client.overwritePayloadAsync(
            name,
            Map.of("z", value("new")),
            Filter.newBuilder().addMust(match("a", 9)).build(),
            true,
            null,
            null));
    assertThat(payloadOf(name, 2)).containsExactlyEntriesOf(Map.of("z", value("new")));

    get(client.clearPayloadAsync(name, id(1), true, null, null));
    assertThat(payloadOf(name, 1)).isEmpty();
    // equal scores: Qdrant does not define their order
    assertThat(scoredIds(search(name, null, null, 10, 0))).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void rejectsAVectorOfTheWrongSizeOrAnUnknownName() throws Exception {
    String name = hybridCollection();

    assertStatus(
        () -> client.upsertAsync(name, List.of(densePoint(1, new float[] {1, 2, 3}))).get(),
        Status.Code.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client
                .upsertAsync(
                    name,
                    List.of(
                        PointStruct.newBuilder()
                            .setId(id(1))
                            .setVectors(namedVectors(Map.of("nope", vector(1f, 0f, 0f, 0f))))
                            .build()))
                .get(),
        Status.Code.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client
                .searchAsync(
                    SearchPoints.newBuilder()
                        .setCollectionName(name)
                        .setVectorName("dense")
                        .addAllVector(List.of(1f, 0f))
                        .setLimit(3)
                        .build())
                .get(),
        Status.Code.INVALID_ARGUMENT);
    assertStatus(
        () ->
            client
                .queryAsync(
                    QueryPoints.newBuilder()
                        .setCollectionName(name)
                        .setUsing("dense")
                        .setQuery(nearest(1f, 0f))
                        .build())
                .get(),
        Status.Code.INVALID_ARGUMENT);
    assertThat(get(client.countAsync(name))).isZero();
  }

  @Test
  void storesPayloadOnlyPointsInACollectionWithoutVectors() throws Exception {
    String name = uniqueName("payload_only");
    get(
        client.createCollectionAsync(
            CreateCollection.newBuilder().setCollectionName(name).build()));
    created.add(name);

    get(
        client.upsertAsync(
            name,
            List.of(
                PointStruct.newBuilder()
                    .setId(id(1))
                    .setVectors(namedVectors(Map.of()))
                    .putPayload("status", value("done"))
                    .build(),
                PointStruct.newBuilder()
                    .setId(id(2))
                    .setVectors(namedVectors(Map.of()))
                    .putPayload("status", value("todo"))
                    .build())));

    assertThat(get(client.countAsync(name))).isEqualTo(2);
    assertThat(
            get(
                client.countAsync(
                    name,
                    Filter.newBuilder().addMust(matchKeyword("status", "done")).build(),
                    true)))
        .isEqualTo(1);
    assertThat(
            get(client.retrieveAsync(name, List.of(id(2)), true, false, null))
                .get(0)
                .getPayloadMap())
        .containsEntry("status", value("todo"));
  }

  @Test
  void deletesPointsByIdsAndByFilter() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    get(client.deleteAsync(name, List.of(id(1), id(999))));
    assertThat(get(client.countAsync(name))).isEqualTo(4);

    get(client.deleteAsync(name, Filter.newBuilder().addMust(match("draft", true)).build()));

    assertThat(ids(scroll(name, null))).containsExactly(3L, 5L);
    assertThat(get(client.retrieveAsync(name, List.of(id(2)), true, false, null))).isEmpty();
  }

  @Test
  void getAndScrollAcceptAMajorityReadConsistency() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);
    ReadConsistency majority =
        ReadConsistency.newBuilder().setType(ReadConsistencyType.Majority).build();

    assertThat(get(client.retrieveAsync(name, List.of(id(3)), true, false, majority)))
        .singleElement()
        .satisfies(p -> assertThat(p.getId()).isEqualTo(id(3)));
    ScrollResponse drafts =
        get(
            client.scrollAsync(
                ScrollPoints.newBuilder()
                    .setCollectionName(name)
                    .setFilter(Filter.newBuilder().addMust(match("draft", true)))
                    .setReadConsistency(majority)
                    .build()));
    assertThat(ids(drafts)).containsExactly(2L, 4L);
  }

  // ---------------------------------------------------------------- scroll and count

  @Test
  void scrollsInIdOrderAndPagesWithNextPageOffset() throws Exception {
    String name = hybridCollection();
    List<PointStruct> points = new ArrayList<>();
    for (long i = 1; i <= 25; i++) {
      points.add(point(i, Map.of("parity", value(i % 2 == 0 ? "even" : "odd")), ALONG_X, null));
    }
    Collections.shuffle(points, new Random(7));
    get(client.upsertAsync(name, points));

    ScrollResponse page1 = scroll(name, null, null, 10);
    assertThat(ids(page1)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    assertThat(page1.getNextPageOffset().getNum()).isEqualTo(11);
    assertThat(page1.getResult(0).getPayloadMap()).containsKey("parity");

    ScrollResponse page2 = scroll(name, null, page1.getNextPageOffset(), 10);
    assertThat(ids(page2)).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);

    ScrollResponse page3 = scroll(name, null, page2.getNextPageOffset(), 10);
    assertThat(ids(page3)).containsExactly(21L, 22L, 23L, 24L, 25L);
    assertThat(page3.hasNextPageOffset()).isFalse();

    Filter even = Filter.newBuilder().addMust(matchKeyword("parity", "even")).build();
    ScrollResponse evenPage = scroll(name, even, id(5), 3);
    assertThat(ids(evenPage)).containsExactly(6L, 8L, 10L);
    assertThat(evenPage.getNextPageOffset().getNum()).isEqualTo(12);
  }

  @Test
  void scrollsNumericIdsBeforeUuids() throws Exception {
    String name = hybridCollection();
    UUID uuid = UUID.fromString("00000000-0000-0000-0000-000000000001");
    get(
        client.upsertAsync(
            name,
            List.of(
                PointStruct.newBuilder()
                    .setId(id(uuid))
                    .setVectors(namedVectors(Map.of("dense", vector(1f, 0f, 0f, 0f))))
                    .build(),
                densePoint(5, ALONG_X),
                densePoint(3, ALONG_X))));

    List<PointId> order = new ArrayList<>();
    scroll(name, null).getResultList().forEach(p -> order.add(p.getId()));

    assertThat(order).containsExactly(id(3), id(5), id(uuid));
  }

  @Test
  void countsAllPointsOrThoseMatchingAFilter() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    assertThat(get(client.countAsync(name))).isEqualTo(5);
    assertThat(
            get(
                client.countAsync(
                    name, Filter.newBuilder().addMust(matchKeyword("tags", "java")).build(), true)))
        .isEqualTo(2);
  }

  // ---------------------------------------------------------------- filters

  @Test
  void filtersOnKeywordsIntegersBooleansAndRanges() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    assertThat(matching(name, must(matchKeyword("author", "alice")))).containsExactly(1L, 4L);
    assertThat(matching(name, must(matchKeywords("author", List.of("bob", "carol")))))
        .containsExactly(2L, 3L);
    assertThat(matching(name, must(matchKeyword("tags", "java")))).containsExactly(1L, 3L);
    assertThat(matching(name, must(match("year", 2022)))).containsExactly(2L);
    assertThat(matching(name, must(match("draft", true)))).containsExactly(2L, 4L);
    assertThat(
            matching(
                name, must(range("year", Range.newBuilder().setGte(2021).setLt(2023).build()))))
        .containsExactly(1L, 2L);
    assertThat(matching(name, must(range("rating", Range.newBuilder().setGt(3.5).build()))))
        .containsExactly(1L, 3L);
    assertThat(matching(name, must(matchKeyword("meta.lang", "en")))).containsExactly(1L, 3L);
    assertThat(matching(name, must(matchExceptKeywords("author", List.of("alice", "bob")))))
        .containsExactly(3L, 5L);
    assertThat(matching(name, must(hasId(List.of(id(3), id(5), id(77)))))).containsExactly(3L, 5L);
    // a missing field and an empty array are both "empty"
    assertThat(matching(name, must(isEmpty("tags")))).containsExactly(4L, 5L);
  }

  @Test
  void combinesMustShouldMustNotAndNestedFilters() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    assertThat(
            matching(name, Filter.newBuilder().addMustNot(matchKeyword("author", "alice")).build()))
        .containsExactly(2L, 3L, 5L);
    assertThat(
            matching(
                name,
                Filter.newBuilder()
                    .addShould(matchKeyword("author", "bob"))
                    .addShould(match("year", 2023))
                    .build()))
        .containsExactly(2L, 3L);
    Filter aliceOrBob =
        Filter.newBuilder()
            .addShould(matchKeyword("author", "alice"))
            .addShould(matchKeyword("author", "bob"))
            .build();
    assertThat(
            matching(
                name,
                Filter.newBuilder()
                    .addMust(filter(aliceOrBob))
                    .addMustNot(match("draft", true))
                    .build()))
        .containsExactly(1L);
    // nested: the same array element must satisfy every condition
    assertThat(
            matching(
                name,
                must(
                    nested(
                        "chunks",
                        Filter.newBuilder()
                            .addMust(match("n", 1))
                            .addMust(matchKeyword("kind", "body"))
                            .build()))))
        .containsExactly(2L);
  }

  // ---------------------------------------------------------------- search

  @Test
  void searchRanksByCosineSimilarityWithThresholdOffsetAndFilter() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> all = search(name, null, null, 10, 0);
    assertThat(scoredIds(all)).containsExactly(1L, 3L, 5L, 4L, 2L);
    assertThat(all.get(0).getScore()).isCloseTo(1f, within(1e-5f));
    assertThat(all.get(1).getScore()).isCloseTo(0.8f, within(1e-5f));
    assertThat(all.get(2).getScore()).isCloseTo(0.7f, within(1e-5f));
    assertThat(all.get(3).getScore()).isCloseTo(0.6f, within(1e-5f));
    assertThat(all.get(0).getPayloadMap()).isEmpty();

    assertThat(scoredIds(search(name, null, 0.65f, 10, 0))).containsExactly(1L, 3L, 5L);
    assertThat(scoredIds(search(name, null, null, 2, 1))).containsExactly(3L, 5L);
    assertThat(scoredIds(search(name, must(matchKeyword("author", "alice")), null, 10, 0)))
        .containsExactly(1L, 4L);
  }

  @Test
  void searchScoresDotProductWithoutNormalising() throws Exception {
    String name = hybridCollection();
    get(
        client.upsertAsync(
            name,
            List.of(dotPoint(1, 1f, 2f, 3f), dotPoint(2, 3f, 2f, 1f), dotPoint(3, 0f, 0f, 10f))));

    List<ScoredPoint> hits =
        get(
            client.searchAsync(
                SearchPoints.newBuilder()
                    .setCollectionName(name)
                    .setVectorName("dot")
                    .addAllVector(List.of(1f, 0f, 2f))
                    .setLimit(10)
                    .build()));

    assertThat(scoredIds(hits)).containsExactly(3L, 1L, 2L);
    assertThat(hits.get(0).getScore()).isCloseTo(20f, within(1e-4f));
    assertThat(hits.get(1).getScore()).isCloseTo(7f, within(1e-4f));
    assertThat(hits.get(2).getScore()).isCloseTo(5f, within(1e-4f));
  }

  @Test
  void searchRanksByEuclideanDistanceSmallestFirst() throws Exception {
    String name = uniqueName("euclid");
    get(
        client.createCollectionAsync(
            name, VectorParams.newBuilder().setSize(2).setDistance(Distance.Euclid).build()));
    created.add(name);
    get(
        client.upsertAsync(
            name,
            List.of(
                PointStruct.newBuilder()
                    .setId(id(1))
                    .setVectors(io.qdrant.client.VectorsFactory.vectors(3f, 4f))
                    .build(),
                PointStruct.newBuilder()
                    .setId(id(2))
                    .setVectors(io.qdrant.client.VectorsFactory.vectors(1f, 0f))
                    .build())));

    List<ScoredPoint> hits =
        get(
            client.searchAsync(
                SearchPoints.newBuilder()
                    .setCollectionName(name)
                    .addAllVector(List.of(0f, 0f))
                    .setLimit(10)
                    .setWithVectors(WithVectorsSelectorFactory.enable(true))
                    .build()));

    assertThat(scoredIds(hits)).containsExactly(2L, 1L);
    assertThat(hits.get(1).getScore()).isCloseTo(5f, within(1e-4f));
    assertThat(hits.get(1).getVectors().getVector().getDataList()).containsExactly(3f, 4f);
  }

  @Test
  void searchAcceptsSparseVectorsAndBatches() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);
    SearchPoints sparse =
        SearchPoints.newBuilder()
            .setCollectionName(name)
            .setVectorName("keywords")
            .addAllVector(List.of(1f, 1f))
            .setSparseIndices(
                io.qdrant.client.grpc.Points.SparseIndices.newBuilder().addData(1).addData(5))
            .setLimit(10)
            .build();

    assertThat(scoredIds(get(client.searchAsync(sparse)))).containsExactly(1L, 2L, 4L);

    SearchPoints dense =
        SearchPoints.newBuilder()
            .setCollectionName(name)
            .setVectorName("dense")
            .addAllVector(floats(ALONG_X))
            .setLimit(2)
            .build();
    List<io.qdrant.client.grpc.Points.BatchResult> batch =
        get(client.searchBatchAsync(name, List.of(dense, sparse), null));
    assertThat(batch).hasSize(2);
    assertThat(scoredIds(batch.get(0).getResultList())).containsExactly(1L, 3L);
    assertThat(scoredIds(batch.get(1).getResultList())).containsExactly(1L, 2L, 4L);

    List<io.qdrant.client.grpc.Points.BatchResult> queries =
        get(
            client.queryBatchAsync(
                name,
                List.of(
                    sparseQuery(name).build(),
                    QueryPoints.newBuilder()
                        .setCollectionName(name)
                        .setUsing("dense")
                        .setQuery(nearest(ALONG_X))
                        .setLimit(1)
                        .build())));
    assertThat(scoredIds(queries.get(0).getResultList())).containsExactly(1L, 2L, 4L);
    assertThat(scoredIds(queries.get(1).getResultList())).containsExactly(1L);
  }

  // ---------------------------------------------------------------- query API

  @Test
  void queryFindsNearestByNamedDenseVectorWithLimitOffsetThresholdAndPayload() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> hits =
        get(
            client.queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(name)
                    .setQuery(nearest(ALONG_X))
                    .setUsing("dense")
                    .setLimit(2)
                    .setOffset(1)
                    .setWithPayload(WithPayloadSelectorFactory.include(List.of("author")))
                    .build()));
    assertThat(scoredIds(hits)).containsExactly(3L, 5L);
    assertThat(hits.get(0).getPayloadMap()).containsOnlyKeys("author");

    List<ScoredPoint> above =
        get(
            client.queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(name)
                    .setQuery(nearest(ALONG_X))
                    .setUsing("dense")
                    .setScoreThreshold(0.5f)
                    .build()));
    assertThat(scoredIds(above)).containsExactly(1L, 3L, 5L, 4L);
  }

  @Test
  void queryScoresSparseVectorsByDotProductOverSharedIndices() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> hits = get(client.queryAsync(sparseQuery(name).build()));

    assertThat(scoredIds(hits)).containsExactly(1L, 2L, 4L);
    assertThat(hits.get(0).getScore()).isCloseTo(3f, within(1e-5f));
    assertThat(hits.get(1).getScore()).isCloseTo(1f, within(1e-5f));
    assertThat(hits.get(2).getScore()).isCloseTo(0.5f, within(1e-5f));
  }

  @Test
  void queryFusesDenseAndSparsePrefetchesWithReciprocalRankFusion() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> fused =
        get(
            client.queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(name)
                    .addPrefetch(densePrefetch())
                    .addPrefetch(sparsePrefetch())
                    .setQuery(fusion(Fusion.RRF))
                    .setLimit(10)
                    .build()));

    // dense ranks 1,3,5,4,2 and sparse ranks 1,2,4; RRF score = sum of 1 / (2 + zero-based rank)
    assertThat(scoredIds(fused)).containsExactly(1L, 2L, 4L, 3L, 5L);
    assertThat(fused.get(0).getScore()).isCloseTo(1f / 2 + 1f / 2, within(1e-5f));
    assertThat(fused.get(1).getScore()).isCloseTo(1f / 6 + 1f / 3, within(1e-5f));
    assertThat(fused.get(2).getScore()).isCloseTo(1f / 5 + 1f / 4, within(1e-5f));
    assertThat(fused.get(3).getScore()).isCloseTo(1f / 3, within(1e-5f));
    assertThat(fused.get(4).getScore()).isCloseTo(1f / 4, within(1e-5f));
  }

  @Test
  void queryAppliesTheRootFilterToEveryPrefetch() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> fused =
        get(
            client.queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(name)
                    .addPrefetch(densePrefetch())
                    .addPrefetch(sparsePrefetch())
                    .setQuery(fusion(Fusion.RRF))
                    .setFilter(Filter.newBuilder().addMustNot(hasId(id(1))))
                    .setLimit(2)
                    .build()));

    // without point 1: dense ranks 3,5,4,2 and sparse ranks 2,4
    assertThat(scoredIds(fused)).containsExactly(2L, 4L);
    assertThat(fused.get(0).getScore()).isCloseTo(1f / 5 + 1f / 2, within(1e-5f));
    assertThat(fused.get(1).getScore()).isCloseTo(1f / 4 + 1f / 3, within(1e-5f));
  }

  @Test
  void queryRescoresPrefetchedCandidatesWithANearestQuery() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> hits =
        get(
            client.queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(name)
                    .addPrefetch(sparsePrefetch())
                    .setQuery(nearest(ALONG_X))
                    .setUsing("dense")
                    .setWithPayload(WithPayloadSelectorFactory.enable(true))
                    .build()));

    assertThat(scoredIds(hits)).containsExactly(1L, 4L, 2L);
    assertThat(hits.get(1).getScore()).isCloseTo(0.6f, within(1e-5f));
    assertThat(hits.get(0).getPayloadMap()).containsEntry("author", value("alice"));
  }

  @Test
  void queryWithoutAQueryListsFilteredPointsInIdOrder() throws Exception {
    String name = hybridCollection();
    upsertLibrary(name);

    List<ScoredPoint> hits =
        get(
            client.queryAsync(
                QueryPoints.newBuilder()
                    .setCollectionName(name)
                    .setFilter(Filter.newBuilder().addMustNot(matchKeyword("author", "bob")))
                    .setLimit(3)
                    .build()));

    assertThat(scoredIds(hits)).containsExactly(1L, 3L, 4L);
  }

  @Test
  void rejectsFusionWithoutPrefetches() throws Exception {
    String name = hybridCollection();

    assertStatus(
        () ->
            client
                .queryAsync(
                    QueryPoints.newBuilder()
                        .setCollectionName(name)
                        .setQuery(fusion(Fusion.RRF))
                        .build())
                .get(),
        Status.Code.INVALID_ARGUMENT);
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void acceptsConcurrentUpsertsAndSearches() throws Exception {
    String name = hybridCollection();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        int writer = t;
        work.add(
            pool.submit(
                () -> {
                  for (int batch = 0; batch < 5; batch++) {
                    List<PointStruct> points = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                      long id = writer * 1000L + batch * 10L + i;
                      points.add(densePoint(id, new float[] {1, id % 7, 0, 1}));
                    }
                    get(client.upsertAsync(name, points));
                  }
                  return null;
                }));
      }
      work.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 20; i++) {
                  List<ScoredPoint> hits = search(name, null, null, 5, 0);
                  assertThat(hits.size()).isLessThanOrEqualTo(5);
                }
                return null;
              }));
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(get(client.countAsync(name))).isEqualTo(150);
  }

  // ---------------------------------------------------------------- fixtures

  /**
   * The library used by most tests. Dense ("dense", Cosine) scores against (1,0,0,0): 1 → 1.0, 3 →
   * 0.8, 5 → 0.7, 4 → 0.6, 2 → 0.0. Sparse ("keywords") scores against {1:1, 5:1}: 1 → 3, 2 → 1, 4
   * → 0.5; 3 and 5 share no index.
   */
  private void upsertLibrary(String name) throws Exception {
    List<PointStruct> points = new ArrayList<>();
    points.add(
        point(
            1,
            payload(
                "author", value("alice"),
                "tags", list(List.of(value("java"), value("ai"))),
                "year", value(2021),
                "draft", value(false),
                "rating", value(4.5),
                "meta", value(Map.of("lang", value("en"), "words", value(900))),
                "chunks",
                    list(
                        List.of(
                            value(Map.of("n", value(1), "kind", value("intro"))),
                            value(Map.of("n", value(2), "kind", value("body")))))),
            new float[] {1, 0, 0, 0},
            vector(List.of(1f, 2f), List.of(1, 5))));
    points.add(
        point(
            2,
            payload(
                "author", value("bob"),
                "tags", list(List.of(value("python"))),
                "year", value(2022),
                "draft", value(true),
                "rating", value(3.0),
                "meta", value(Map.of("lang", value("de"))),
                "chunks", list(List.of(value(Map.of("n", value(1), "kind", value("body")))))),
            new float[] {0, 1, 0, 0},
            vector(List.of(1f), List.of(5))));
    points.add(
        point(
            3,
            payload(
                "author", value("carol"),
                "tags", list(List.of(value("java"))),
                "year", value(2023),
                "draft", value(false),
                "rating", value(5),
                "meta", value(Map.of("lang", value("en")))),
            new float[] {0.8f, 0.6f, 0, 0},
            vector(List.of(3f), List.of(7))));
    points.add(
        point(
            4,
            payload(
                "author", value("alice"),
                "tags", list(List.of()),
                "year", value(2024),
                "draft", value(true)),
            new float[] {0.6f, 0.8f, 0, 0},
            vector(List.of(0.5f, 1f), List.of(1, 7))));
    points.add(
        point(
            5,
            payload("author", value("dave"), "year", value(2020)),
            new float[] {0.7f, 0, (float) Math.sqrt(0.51), 0},
            null));
    get(client.upsertAsync(name, points));
  }

  private String hybridCollection() throws Exception {
    String name = uniqueName("hybrid");
    get(client.createCollectionAsync(hybridDefinition(name)));
    created.add(name);
    return name;
  }

  private static CreateCollection hybridDefinition(String name) {
    return CreateCollection.newBuilder()
        .setCollectionName(name)
        .setVectorsConfig(
            VectorsConfig.newBuilder()
                .setParamsMap(
                    VectorParamsMap.newBuilder()
                        .putMap(
                            "dense",
                            VectorParams.newBuilder()
                                .setSize(4)
                                .setDistance(Distance.Cosine)
                                .build())
                        .putMap(
                            "dot",
                            VectorParams.newBuilder()
                                .setSize(3)
                                .setDistance(Distance.Dot)
                                .build())))
        .setSparseVectorsConfig(
            SparseVectorConfig.newBuilder()
                .putMap("keywords", SparseVectorParams.getDefaultInstance()))
        .build();
  }

  private static String uniqueName(String prefix) {
    return prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
  }

  private static Map<String, Value> payload(Object... keyValues) {
    Map<String, Value> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], (Value) keyValues[i + 1]);
    }
    return map;
  }

  private static PointStruct point(
      long id, Map<String, Value> payload, float[] dense, Vector sparse) {
    Map<String, Vector> vectors = new HashMap<>();
    vectors.put("dense", vector(dense));
    if (sparse != null) {
      vectors.put("keywords", sparse);
    }
    return PointStruct.newBuilder()
        .setId(id(id))
        .setVectors(namedVectors(vectors))
        .putAllPayload(payload)
        .build();
  }

  private static PointStruct densePoint(long id, float[] dense) {
    return point(id, Map.of(), dense, null);
  }

  private static PointStruct dotPoint(long id, float... dot) {
    return PointStruct.newBuilder()
        .setId(id(id))
        .setVectors(namedVectors(Map.of("dot", vector(dot))))
        .build();
  }

  private static PrefetchQuery densePrefetch() {
    return PrefetchQuery.newBuilder()
        .setQuery(nearest(ALONG_X))
        .setUsing("dense")
        .setLimit(10)
        .build();
  }

  private static PrefetchQuery sparsePrefetch() {
    return PrefetchQuery.newBuilder()
        .setQuery(nearest(List.of(1f, 1f), List.of(1, 5)))
        .setUsing("keywords")
        .setLimit(10)
        .build();
  }

  private static QueryPoints.Builder sparseQuery(String name) {
    return QueryPoints.newBuilder()
        .setCollectionName(name)
        .setQuery(nearest(List.of(1f, 1f), List.of(1, 5)))
        .setUsing("keywords");
  }

  private List<ScoredPoint> search(
      String name, Filter filter, Float threshold, int limit, int offset) throws Exception {
    SearchPoints.Builder search =
        SearchPoints.newBuilder()
            .setCollectionName(name)
            .setVectorName("dense")
            .addAllVector(floats(ALONG_X))
            .setLimit(limit)
            .setOffset(offset);
    if (filter != null) {
      search.setFilter(filter);
    }
    if (threshold != null) {
      search.setScoreThreshold(threshold);
    }
    return get(client.searchAsync(search.build()));
  }

  private ScrollResponse scroll(String name, Filter filter) throws Exception {
    return scroll(name, filter, null, 100);
  }

  private ScrollResponse scroll(String name, Filter filter, PointId offset, int limit)
      throws Exception {
    ScrollPoints.Builder scroll = ScrollPoints.newBuilder().setCollectionName(name).setLimit(limit);
    if (filter != null) {
      scroll.setFilter(filter);
    }
    if (offset != null) {
      scroll.setOffset(offset);
    }
    return get(client.scrollAsync(scroll.build()));
  }

  private Map<String, Value> payloadOf(String name, long pointId) throws Exception {
    return get(client.retrieveAsync(name, List.of(id(pointId)), true, false, null))
        .get(0)
        .getPayloadMap();
  }

  private List<Long> matching(String name, Filter filter) throws Exception {
    List<Long> viaScroll = ids(scroll(name, filter));
    assertThat(get(client.countAsync(name, filter, true))).isEqualTo(viaScroll.size());
    return viaScroll;
  }

  private static Filter must(io.qdrant.client.grpc.Points.Condition condition) {
    return Filter.newBuilder().addMust(condition).build();
  }

  private static List<Long> ids(ScrollResponse response) {
    return response.getResultList().stream().map(p -> p.getId().getNum()).toList();
  }

  private static List<Long> scoredIds(List<ScoredPoint> points) {
    return points.stream().map(p -> p.getId().getNum()).toList();
  }

  private static List<Float> floats(float[] values) {
    List<Float> list = new ArrayList<>();
    for (float v : values) {
      list.add(v);
    }
    return list;
  }

  private static <T> T get(Future<T> future)
      throws ExecutionException, InterruptedException, TimeoutException {
    return future.get(30, TimeUnit.SECONDS);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertStatus(Call call, Status.Code expected) {
    assertThatThrownBy(call::run)
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(StatusRuntimeException.class)
        .satisfies(
            e ->
                assertThat(((StatusRuntimeException) e).getStatus().getCode()).isEqualTo(expected));
  }
}
