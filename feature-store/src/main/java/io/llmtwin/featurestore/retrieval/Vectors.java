package io.llmtwin.featurestore.retrieval;

/** Small vector arithmetic for reranking and evaluation. */
final class Vectors {
  private Vectors() {}

  /** Cosine similarity; 0 when either vector is empty, zero or the lengths differ. */
  static double cosine(float[] a, float[] b) {
    if (a == null || b == null || a.length == 0 || a.length != b.length) {
      return 0;
    }
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
  }
}
