package io.llmtwin.featurestore.retrieval;

import static io.qdrant.client.ConditionFactory.matchKeyword;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.llmtwin.featurestore.FeatureCollections;
import io.llmtwin.featurestore.FeatureStoreException;
import io.llmtwin.featurestore.LexicalSparseEncoder;
import io.llmtwin.featurestore.LexicalVector;
import io.llmtwin.featurestore.PointIds;
import io.llmtwin.featurestore.QdrantCalls;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.qdrant.client.PointIdFactory;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QueryFactory;
import io.qdrant.client.WithPayloadSelectorFactory;
import io.qdrant.client.WithVectorsSelectorFactory;
import io.qdrant.client.grpc.JsonWithInt.Value;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.VectorOutput;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Retriever} over the feature store's {@code chunks_<type>} collections in Qdrant.
 *
 * <p>One search: (1) the tenant is the options' author id, or with none an author named in the
 * query ({@link AuthorResolver}); (2) the original query plus, when asked and configured, rewrites
 * from a {@link QueryExpander}; (3) every query is embedded with the same model as the chunks, and
 * encoded with the same {@link LexicalSparseEncoder}; (4) per type, one Qdrant {@code QueryBatch}
 * holds one {@code QueryPoints} per query variant: a dense and a sparse prefetch fused with RRF,
 * the author filter inside the query, dense vectors and payload returned; (5) the hits of all
 * variants and types are merged ({@link CandidateMerger}), deduplicated by point and by identical
 * text; (6) the {@link Reranker} (MMR by default) or the merged order picks the top k; (7) missing
 * publication dates are read from {@code cleaned_<type>}.
 */
public final class QdrantRetriever implements Retriever {
  private static final Logger log = LoggerFactory.getLogger(QdrantRetriever.class);

  private final QdrantClient client;
  private final EmbeddingModel embeddingModel;
  private final AuthorResolver authorResolver;
  private final QueryExpander expander;
  private final Reranker reranker;
  private final int candidates;
  private final int expansions;
  private final boolean selfQuery;
  private final Duration timeout;
  private final QueryTerms queryTerms = new QueryTerms(new LexicalSparseEncoder());

  private QdrantRetriever(Builder b) {
    this.client = b.client;
    this.embeddingModel = b.embeddingModel;
    this.authorResolver = new AuthorResolver(b.authorDirectory);
    this.expander = b.expander;
    this.reranker = b.reranker;
    this.candidates = b.candidates;
    this.expansions = b.expansions;
    this.selfQuery = b.selfQuery;
    this.timeout = b.timeout;
  }

  /** Starts a builder; everything but the client and the embedding model has a default. */
  public static Builder builder(QdrantClient client, EmbeddingModel embeddingModel) {
    return new Builder(client, embeddingModel);
  }

  @Override
  public RetrievalResult search(String query, SearchOptions options) {
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("query must not be blank");
    }
    String authorId = options.authorId();
    boolean resolved = false;
    if (authorId == null && selfQuery) {
      Optional<AuthorMatch> match = authorResolver.resolve(query);
      if (match.isPresent()) {
        authorId = match.get().author().id();
        resolved = true;
        log.debug(
            "Query names author {} ('{}', distance {})",
            authorId,
            match.get().matchedName(),
            match.get().distance());
      }
    }
    List<String> queries = queries(query, options.expand());
    List<float[]> dense = embed(queries);
    List<LexicalVector> sparse = queries.stream().map(queryTerms::encode).toList();

    Map<DocumentType, Future<List<BatchResult>>> calls = new EnumMap<>(DocumentType.class);
    for (DocumentType type : options.effectiveTypes()) {
      List<QueryPoints> batch = new ArrayList<>(queries.size());
      for (int v = 0; v < queries.size(); v++) {
        batch.add(queryPoints(type, dense.get(v), sparse.get(v), authorId, options.mode()));
      }
      calls.put(type, client.queryBatchAsync(FeatureCollections.chunks(type), batch));
    }
    CandidateMerger merger =
        new CandidateMerger(queries.size(), options.mode() == SearchMode.HYBRID);
    for (Map.Entry<DocumentType, Future<List<BatchResult>>> call : calls.entrySet()) {
      DocumentType type = call.getKey();
      List<BatchResult> results = awaitOrEmpty(call.getValue(), type);
      for (int v = 0; v < results.size(); v++) {
        List<ScoredPoint> hits = results.get(v).getResultList();
        for (ScoredPoint hit : hits) {
          merger.add(v, toCandidate(hit, type));
        }
      }
    }
    List<Candidate> merged = merger.merged(dense);
    List<RetrievedChunk> top;
    if (options.rerank()) {
      top = reranker.rerank(query, dense.get(0), merged, options.topK());
    } else {
      top = merged.stream().limit(options.topK()).map(Candidate::chunk).toList();
    }
    return new RetrievalResult(
        query, Optional.ofNullable(authorId), resolved, queries, withPublicationDates(top));
  }

  private List<String> queries(String query, boolean expand) {
    Set<String> queries = new LinkedHashSet<>();
    queries.add(query.strip());
    if (expand && expansions > 0) {
      for (String rewrite : expander.expand(query.strip(), expansions)) {
        if (rewrite != null && !rewrite.isBlank()) {
          queries.add(rewrite.strip());
        }
      }
    }
    return List.copyOf(queries);
  }

  private List<float[]> embed(List<String> queries) {
    List<TextSegment> segments = queries.stream().map(TextSegment::from).toList();
    return embeddingModel.embedAll(segments).content().stream().map(e -> e.vector()).toList();
  }

  private QueryPoints queryPoints(
      DocumentType type, float[] dense, LexicalVector sparse, String authorId, SearchMode mode) {
    QueryPoints.Builder q =
        QueryPoints.newBuilder()
            .setCollectionName(FeatureCollections.chunks(type))
            .setLimit(candidates)
            .setWithPayload(WithPayloadSelectorFactory.enable(true))
            .setWithVectors(
                WithVectorsSelectorFactory.include(List.of(FeatureCollections.DENSE_VECTOR)));
    if (authorId != null) {
      q.setFilter(
          Filter.newBuilder().addMust(matchKeyword(FeatureCollections.AUTHOR_ID, authorId)));
    }
    if (mode == SearchMode.DENSE || sparse.isEmpty()) {
      return q.setQuery(QueryFactory.nearest(dense))
          .setUsing(FeatureCollections.DENSE_VECTOR)
          .build();
    }
    return q.addPrefetch(
            PrefetchQuery.newBuilder()
                .setQuery(QueryFactory.nearest(dense))
                .setUsing(FeatureCollections.DENSE_VECTOR)
                .setLimit(candidates))
        .addPrefetch(
            PrefetchQuery.newBuilder()
                .setQuery(QueryFactory.nearest(sparse.values(), sparse.indices()))
                .setUsing(FeatureCollections.SPARSE_VECTOR)
                .setLimit(candidates))
        .setQuery(QueryFactory.fusion(Fusion.RRF))
        .build();
  }

  private Candidate toCandidate(ScoredPoint hit, DocumentType type) {
    Map<String, Value> p = hit.getPayloadMap();
    String platform = string(p, FeatureCollections.PLATFORM);
    RetrievedChunk chunk =
        new RetrievedChunk(
            hit.getId().hasUuid() ? hit.getId().getUuid() : Long.toString(hit.getId().getNum()),
            string(p, FeatureCollections.DOCUMENT_ID),
            p.containsKey(FeatureCollections.CHUNK_INDEX)
                ? (int) p.get(FeatureCollections.CHUNK_INDEX).getIntegerValue()
                : 0,
            Optional.ofNullable(string(p, FeatureCollections.TEXT)).orElse(""),
            string(p, FeatureCollections.AUTHOR_ID),
            type,
            platform == null ? Platform.WEB : Platform.parse(platform),
            string(p, FeatureCollections.LINK),
            string(p, FeatureCollections.TITLE),
            instant(string(p, FeatureCollections.PUBLISHED_AT)),
            hit.getScore());
    return new Candidate(chunk, denseVector(hit));
  }

  private static float[] denseVector(ScoredPoint hit) {
    if (!hit.hasVectors() || !hit.getVectors().hasVectors()) {
      return new float[0];
    }
    VectorOutput v =
        hit.getVectors().getVectors().getVectorsMap().get(FeatureCollections.DENSE_VECTOR);
    if (v == null) {
      return new float[0];
    }
    List<Float> data = v.hasDense() ? v.getDense().getDataList() : v.getDataList();
    float[] out = new float[data.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = data.get(i);
    }
    return out;
  }

  /** Fills in publication dates missing from chunk payloads from {@code cleaned_<type>}. */
  private List<RetrievedChunk> withPublicationDates(List<RetrievedChunk> chunks) {
    Map<DocumentType, Set<String>> missing = new EnumMap<>(DocumentType.class);
    for (RetrievedChunk c : chunks) {
      if (c.publishedAt() == null && c.documentId() != null) {
        missing.computeIfAbsent(c.type(), t -> new LinkedHashSet<>()).add(c.documentId());
      }
    }
    if (missing.isEmpty()) {
      return chunks;
    }
    Map<String, Instant> dates = new HashMap<>();
    for (Map.Entry<DocumentType, Set<String>> e : missing.entrySet()) {
      var ids = e.getValue().stream().map(id -> PointIdFactory.id(PointIds.cleaned(id))).toList();
      List<RetrievedPoint> points;
      try {
        points =
            await(
                client.retrieveAsync(
                    FeatureCollections.cleaned(e.getKey()),
                    ids,
                    WithPayloadSelectorFactory.include(
                        List.of(FeatureCollections.DOCUMENT_ID, FeatureCollections.PUBLISHED_AT)),
                    WithVectorsSelectorFactory.enable(false),
                    null),
                "read publication dates");
      } catch (FeatureStoreException notFatal) {
        log.warn("Could not read publication dates: {}", notFatal.getMessage());
        continue;
      }
      for (RetrievedPoint point : points) {
        Map<String, Value> p = point.getPayloadMap();
        Instant at = instant(string(p, FeatureCollections.PUBLISHED_AT));
        String documentId = string(p, FeatureCollections.DOCUMENT_ID);
        if (at != null && documentId != null) {
          dates.put(e.getKey() + "/" + documentId, at);
        }
      }
    }
    return chunks.stream()
        .map(
            c ->
                c.publishedAt() != null || !dates.containsKey(c.type() + "/" + c.documentId())
                    ? c
                    : c.withPublishedAt(dates.get(c.type() + "/" + c.documentId())))
        .toList();
  }

  private List<BatchResult> awaitOrEmpty(Future<List<BatchResult>> future, DocumentType type) {
    try {
      return await(future, "search " + FeatureCollections.chunks(type));
    } catch (FeatureStoreException e) {
      if (e.getCause() instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.NOT_FOUND) {
        log.debug("{} does not exist yet: no {} chunks", FeatureCollections.chunks(type), type);
        return List.of();
      }
      throw e;
    }
  }

  private <T> T await(Future<T> future, String what) {
    return QdrantCalls.await(future, timeout, what);
  }

  private static String string(Map<String, Value> payload, String key) {
    Value v = payload.get(key);
    return v == null || v.hasNullValue() || !v.hasStringValue() ? null : v.getStringValue();
  }

  private static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Configures a {@link QdrantRetriever}. */
  public static final class Builder {
    private final QdrantClient client;
    private final EmbeddingModel embeddingModel;
    private AuthorDirectory authorDirectory = InMemoryAuthorDirectory.empty();
    private QueryExpander expander = QueryExpander.none();
    private Reranker reranker = new MmrReranker(0.8, 0.95);
    private int candidates = 30;
    private int expansions = 3;
    private boolean selfQuery = true;
    private Duration timeout = Duration.ofSeconds(30);

    private Builder(QdrantClient client, EmbeddingModel embeddingModel) {
      this.client = java.util.Objects.requireNonNull(client, "client");
      this.embeddingModel = java.util.Objects.requireNonNull(embeddingModel, "embeddingModel");
    }

    /** Known authors for self-query; default none. */
    public Builder authorDirectory(AuthorDirectory directory) {
      this.authorDirectory = java.util.Objects.requireNonNull(directory);
      return this;
    }

    /** Query rewriter; default none. */
    public Builder expander(QueryExpander expander) {
      this.expander = java.util.Objects.requireNonNull(expander);
      return this;
    }

    /** Reranker; default MMR with λ 0.8 and duplicate threshold 0.95. */
    public Builder reranker(Reranker reranker) {
      this.reranker = java.util.Objects.requireNonNull(reranker);
      return this;
    }

    /** Candidates per prefetch and per collection; default 30. */
    public Builder candidates(int candidates) {
      if (candidates < 1) {
        throw new IllegalArgumentException("candidates must be positive");
      }
      this.candidates = candidates;
      return this;
    }

    /** Rewrites asked from the expander; default 3. */
    public Builder expansions(int expansions) {
      if (expansions < 0) {
        throw new IllegalArgumentException("expansions must not be negative");
      }
      this.expansions = expansions;
      return this;
    }

    /** Whether to resolve an author named in the query; default true. */
    public Builder selfQuery(boolean selfQuery) {
      this.selfQuery = selfQuery;
      return this;
    }

    /** Deadline of one Qdrant call; default 30 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = java.util.Objects.requireNonNull(timeout);
      return this;
    }

    /** Applies {@code llmtwin.retrieval.*}. */
    public Builder properties(RetrievalProperties properties) {
      return candidates(properties.candidates())
          .expansions(properties.expansion().count())
          .selfQuery(properties.selfQuery())
          .reranker(
              new MmrReranker(
                  properties.rerank().mmrLambda(), properties.rerank().duplicateThreshold()));
    }

    public QdrantRetriever build() {
      return new QdrantRetriever(this);
    }
  }
}
