package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.Distance;

/** Exact distance functions with Qdrant's conventions (pre-processing, score, ordering). */
final class Similarity {
  private static final float EPSILON = 1.1920929E-7f;

  private Similarity() {}

  /** Cosine vectors are normalised at upsert and query time; others are kept as they are. */
  static float[] preprocess(Distance distance, float[] vector) {
    if (distance != Distance.Cosine) {
      return vector;
    }
    double squares = 0;
    for (float v : vector) {
      squares += (double) v * v;
    }
    float length = (float) Math.sqrt(squares);
    if (length < EPSILON) {
      return vector;
    }
    float[] normalised = new float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      normalised[i] = vector[i] / length;
    }
    return normalised;
  }

  /** The score Qdrant reports: similarity for Cosine/Dot, distance for Euclid/Manhattan. */
  static float score(Distance distance, float[] query, float[] stored) {
    return switch (distance) {
      case Cosine, Dot -> dot(query, stored);
      case Euclid -> {
        float sum = 0f;
        for (int i = 0; i < query.length; i++) {
          float d = query[i] - stored[i];
          sum += d * d;
        }
        yield (float) Math.sqrt(sum);
      }
      case Manhattan -> {
        float sum = 0f;
        for (int i = 0; i < query.length; i++) {
          sum += Math.abs(query[i] - stored[i]);
        }
        yield sum;
      }
      default -> throw QdrantErrors.badInput("Unsupported distance " + distance);
    };
  }

  static boolean largerIsBetter(Distance distance) {
    return distance == Distance.Cosine || distance == Distance.Dot;
  }

  /** Qdrant keeps a result only when its score is strictly better than the threshold. */
  static boolean passesThreshold(boolean largerIsBetter, float score, float threshold) {
    return largerIsBetter ? score > threshold : score < threshold;
  }

  private static float dot(float[] a, float[] b) {
    float sum = 0f;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
