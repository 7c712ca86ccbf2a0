package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Points.Condition;
import io.qdrant.client.grpc.Points.Filter;
import io.qdrant.client.grpc.Points.Fusion;
import io.qdrant.client.grpc.Points.PrefetchQuery;
import io.qdrant.client.grpc.Points.Query;
import io.qdrant.client.grpc.Points.QueryPoints;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact (brute-force) search and Qdrant's universal Query API: nested prefetches, rescoring with a
 * nearest query, and RRF / DBSF fusion. Callers hold the collection's read lock.
 */
final class QueryEngine {
  /** Qdrant's RRF constant ({@code DEFAULT_RRF_K} in Qdrant 1.15): score = Σ 1/(k + rank₀). */
  static final int RRF_K = 2;

  private static final int DEFAULT_LIMIT = 10;

  /** A point with its score. */
  record Scored(StoredPoint point, float score) {}

  private record Node(
      List<PrefetchQuery> prefetches,
      Query query,
      String using,
      Filter filter,
      Float scoreThreshold,
      int limit) {

    static Node of(PrefetchQuery p) {
      if (p.hasLimit()) {
        Validation.positive("prefetch.limit", p.getLimit());
      }
      return new Node(
          p.getPrefetchList(),
          p.hasQuery() ? p.getQuery() : null,
          p.hasUsing() ? p.getUsing() : CollectionSchema.DEFAULT_VECTOR,
          p.hasFilter() ? p.getFilter() : null,
          p.hasScoreThreshold() ? p.getScoreThreshold() : null,
          p.hasLimit() ? checkedLimit(p.getLimit()) : DEFAULT_LIMIT);
    }
  }

  private QueryEngine() {}

  /** Top {@code limit} points after {@code offset} for a nearest query. */
  static List<Scored> search(
      StoredCollection collection,
      VectorQuery query,
      Filter filter,
      Float threshold,
      int limit,
      int offset) {
    List<Scored> all = nearest(collection.pointsInOrder(), query, filter, threshold);
    return page(all, offset, limit);
  }

  /** Runs a Query API request; returns the page the caller asked for. */
  static List<Scored> query(StoredCollection collection, QueryPoints request) {
    int limit = request.hasLimit() ? checkedLimit(request.getLimit()) : DEFAULT_LIMIT;
    int offset = request.hasOffset() ? (int) Math.min(request.getOffset(), Integer.MAX_VALUE) : 0;
    if (request.hasLookupFrom()) {
      throw QdrantErrors.unsupported("lookup_from");
    }
    Node root =
        new Node(
            request.getPrefetchList(),
            request.hasQuery() ? request.getQuery() : null,
            request.hasUsing() ? request.getUsing() : CollectionSchema.DEFAULT_VECTOR,
            request.hasFilter() ? request.getFilter() : null,
            request.hasScoreThreshold() ? request.getScoreThreshold() : null,
            (int) Math.min((long) limit + offset, Integer.MAX_VALUE));
    return page(evaluate(collection, root, null), offset, limit);
  }

  private static List<Scored> evaluate(StoredCollection collection, Node node, Filter inherited) {
    Filter filter = merge(inherited, node.filter());
    Query query = node.query();
    if (node.prefetches().isEmpty()) {
      if (query == null) {
        List<Scored> out = new ArrayList<>();
        for (StoredPoint p : collection.pointsInOrder()) {
          if (out.size() >= node.limit()) {
            break;
          }
          if (FilterEvaluator.matches(filter, p)) {
            out.add(new Scored(p, 0f));
          }
        }
        return out;
      }
      return switch (query.getVariantCase()) {
        case NEAREST -> {
          VectorQuery vq = VectorQuery.of(collection.schema(), node.using(), query.getNearest());
          yield page(
              nearest(collection.pointsInOrder(), vq, filter, node.scoreThreshold()),
              0,
              node.limit());
        }
        case FUSION -> throw QdrantErrors.badRequest("cannot apply Fusion without prefetches");
        default -> throw QdrantErrors.unsupported("Query variant " + query.getVariantCase());
      };
    }
    if (query == null) {
      throw QdrantErrors.badRequest("cannot have prefetches without a query");
    }
    List<List<Scored>> sources = new ArrayList<>();
    for (PrefetchQuery prefetch : node.prefetches()) {
      sources.add(evaluate(collection, Node.of(prefetch), filter));
    }
    return switch (query.getVariantCase()) {
      case FUSION -> {
        List<Scored> fused = query.getFusion() == Fusion.DBSF ? dbsf(sources) : rrf(sources, RRF_K);
        List<Scored> kept = new ArrayList<>();
        for (Scored s : fused) {
          if (node.scoreThreshold() != null && s.score() < node.scoreThreshold()) {
            break;
          }
          kept.add(s);
        }
        yield page(kept, 0, node.limit());
      }
      case NEAREST -> {
        VectorQuery vq = VectorQuery.of(collection.schema(), node.using(), query.getNearest());
        Map<PointKey, StoredPoint> candidates = new LinkedHashMap<>();
        for (List<Scored> source : sources) {
          for (Scored s : source) {
            candidates.putIfAbsent(s.point().id(), s.point());
          }
        }
        yield page(nearest(candidates.values(), vq, null, node.scoreThreshold()), 0, node.limit());
      }
      default -> throw QdrantErrors.unsupported("Query variant " + query.getVariantCase());
    };
  }

  private static List<Scored> nearest(
      Iterable<StoredPoint> points, VectorQuery query, Filter filter, Float threshold) {
    List<Scored> out = new ArrayList<>();
    if (query.isEmptySparse()) {
      return out;
    }
    boolean larger = query.largerIsBetter();
    for (StoredPoint p : points) {
      if (!FilterEvaluator.matches(filter, p)) {
        continue;
      }
      Float score = query.score(p);
      if (score == null
          || (threshold != null && !Similarity.passesThreshold(larger, score, threshold))) {
        continue;
      }
      out.add(new Scored(p, score));
    }
    out.sort(order(larger));
    return out;
  }

  /** Best score first; equal scores by ascending point id, so results are deterministic. */
  static Comparator<Scored> order(boolean largerIsBetter) {
    Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
    if (largerIsBetter) {
      byScore = byScore.reversed();
    }
    return byScore.thenComparing(s -> s.point().id());
  }

  /** Reciprocal rank fusion: Σ over sources of 1 / (k + zero-based rank), summed in float. */
  static List<Scored> rrf(List<List<Scored>> sources, int k) {
    Map<PointKey, Scored> fused = new LinkedHashMap<>();
    for (List<Scored> source : sources) {
      for (int rank = 0; rank < source.size(); rank++) {
        Scored s = source.get(rank);
        float add = 1.0f / ((float) rank + (float) k);
        fused.merge(
            s.point().id(),
            new Scored(s.point(), add),
            (a, b) -> new Scored(a.point(), a.score() + b.score()));
      }
    }
    List<Scored> out = new ArrayList<>(fused.values());
    out.sort(order(true));
    return out;
  }

  /** Distribution-based score fusion: each source normalised by mean ± 3σ, then summed. */
  static List<Scored> dbsf(List<List<Scored>> sources) {
    Map<PointKey, Scored> fused = new LinkedHashMap<>();
    for (List<Scored> source : sources) {
      for (Scored s : normalise(source)) {
        fused.merge(s.point().id(), s, (a, b) -> new Scored(a.point(), a.score() + b.score()));
      }
    }
    List<Scored> out = new ArrayList<>(fused.values());
    out.sort(order(true));
    return out;
  }

  private static List<Scored> normalise(List<Scored> source) {
    if (source.size() < 2) {
      return source.stream().map(s -> new Scored(s.point(), 0.5f)).toList();
    }
    float mean = 0f;
    float aggregate = 0f;
    int k = 1;
    for (Scored s : source) {
      float oldDelta = s.score() - mean;
      mean += oldDelta / k;
      aggregate += oldDelta * (s.score() - mean);
      k++;
    }
    float std = (float) Math.sqrt(aggregate / (source.size() - 1f));
    float min = mean - 3f * std;
    float max = mean + 3f * std;
    List<Scored> out = new ArrayList<>();
    for (Scored s : source) {
      out.add(new Scored(s.point(), min == max ? 0.5f : (s.score() - min) / (max - min)));
    }
    return out;
  }

  private static Filter merge(Filter a, Filter b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return Filter.newBuilder()
        .addMust(Condition.newBuilder().setFilter(a))
        .addMust(Condition.newBuilder().setFilter(b))
        .build();
  }

  private static List<Scored> page(List<Scored> all, int offset, int limit) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }

  private static int checkedLimit(long limit) {
    return (int) Math.min(limit, Integer.MAX_VALUE);
  }
}
