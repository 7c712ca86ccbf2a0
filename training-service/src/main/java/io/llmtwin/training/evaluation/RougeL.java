package io.llmtwin.training.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ROUGE-L: the F1 score of the longest common subsequence of words between a generated text and its
 * reference (words are lower-cased runs of letters and digits).
 */
public final class RougeL {

  private RougeL() {}

  /** ROUGE-L F1 of {@code candidate} against {@code reference}, in [0, 1]. */
  public static double f1(String candidate, String reference) {
    List<String> c = words(candidate);
    List<String> r = words(reference);
    if (c.isEmpty() || r.isEmpty()) {
      return 0;
    }
    int lcs = lcs(c, r);
    if (lcs == 0) {
      return 0;
    }
    double precision = (double) lcs / c.size();
    double recall = (double) lcs / r.size();
    return 2 * precision * recall / (precision + recall);
  }

  static int lcs(List<String> a, List<String> b) {
    int[] previous = new int[b.size() + 1];
    int[] current = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        current[j] =
            a.get(i - 1).equals(b.get(j - 1))
                ? previous[j - 1] + 1
                : Math.max(previous[j], current[j - 1]);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.size()];
  }

  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    StringBuilder word = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            cp -> {
              if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
              } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
              }
            });
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }
}
