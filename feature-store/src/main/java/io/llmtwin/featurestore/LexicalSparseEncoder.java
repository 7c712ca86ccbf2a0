package io.llmtwin.featurestore;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sparse lexical vectors of hybrid search, computed in-process so indexing and querying use
 * exactly the same function (see {@code docs/adr/0051-sparse-lexical-vectors.md}).
 *
 * <p>Terms: the text is NFKC-normalised and lower-cased; a term is a run of letters and digits (any
 * script, {@code _} included so identifiers stay whole). Runs of Han, Hiragana or Katakana, which
 * are written without spaces, become overlapping character bigrams. Each term is hashed to a
 * non-negative 31-bit id (FNV-1a over its UTF-8 bytes); colliding terms share a weight.
 *
 * <p>Weights: documents get BM25's term-frequency part {@code tf·(k1+1) / (tf +
 * k1·(1-b+b·len/avg))} with k1 = 1.2, b = 0.75 and an average length of {@value
 * #AVERAGE_DOCUMENT_TERMS} terms; queries weigh each distinct term 1. The inverse document
 * frequency comes from Qdrant's {@code idf} modifier on the sparse vector, so the dot product of
 * the two is a BM25 score.
 */
public final class LexicalSparseEncoder {
  /** BM25 k1. */
  static final double K1 = 1.2;

  /** BM25 b. */
  static final double B = 0.75;

  /** Assumed average chunk length in terms (the chunkers cap chunks at a few hundred tokens). */
  static final int AVERAGE_DOCUMENT_TERMS = 150;

  /** Encodes a stored text (a chunk) with BM25 term-frequency weights. */
  public LexicalVector encodeDocument(String text) {
    Map<Integer, Integer> frequencies = termFrequencies(text);
    int length = frequencies.values().stream().mapToInt(Integer::intValue).sum();
    double norm = K1 * (1 - B + B * length / (double) AVERAGE_DOCUMENT_TERMS);
    List<Integer> indices = new ArrayList<>(frequencies.size());
    List<Float> values = new ArrayList<>(frequencies.size());
    frequencies.forEach(
        (term, tf) -> {
          indices.add(term);
          values.add((float) (tf * (K1 + 1) / (tf + norm)));
        });
    return new LexicalVector(indices, values);
  }

  /** Encodes a search query: every distinct term weighs 1. */
  public LexicalVector encodeQuery(String text) {
    Map<Integer, Integer> frequencies = termFrequencies(text);
    List<Integer> indices = new ArrayList<>(frequencies.keySet());
    List<Float> values = new ArrayList<>(indices.size());
    indices.forEach(i -> values.add(1f));
    return new LexicalVector(indices, values);
  }

  /** The terms of {@code text} in order, before hashing (visible for tests and debugging). */
  public List<String> terms(String text) {
    String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> terms = new ArrayList<>();
    int i = 0;
    int n = normalised.length();
    while (i < n) {
      int cp = normalised.codePointAt(i);
      if (!isTermChar(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      boolean spaceless = isSpacelessScript(cp);
      while (i < n) {
        int next = normalised.codePointAt(i);
        if (!isTermChar(next) || isSpacelessScript(next) != spaceless) {
          break;
        }
        i += Character.charCount(next);
      }
      String run = normalised.substring(start, i);
      if (spaceless) {
        addBigrams(run, terms);
      } else {
        terms.add(run);
      }
    }
    return terms;
  }

  /** The term id of one term: FNV-1a of its UTF-8 bytes, masked to 31 bits. */
  static int termId(String term) {
    int hash = 0x811c9dc5;
    for (byte b : term.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    return hash & 0x7fffffff;
  }

  private Map<Integer, Integer> termFrequencies(String text) {
    Map<Integer, Integer> frequencies = new TreeMap<>();
    for (String term : terms(text)) {
      frequencies.merge(termId(term), 1, Integer::sum);
    }
    return frequencies;
  }

  private static void addBigrams(String run, List<String> terms) {
    int[] cps = run.codePoints().toArray();
    if (cps.length == 1) {
      terms.add(run);
      return;
    }
    for (int k = 0; k + 1 < cps.length; k++) {
      terms.add(new String(cps, k, 2));
    }
  }

  private static boolean isTermChar(int cp) {
    return Character.isLetterOrDigit(cp)
        || cp == '_'
        || Character.getType(cp) == Character.NON_SPACING_MARK;
  }

  private static boolean isSpacelessScript(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA;
  }
}
