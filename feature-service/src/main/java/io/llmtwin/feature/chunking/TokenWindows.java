package io.llmtwin.feature.chunking;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one text into windows of at most {@code maxTokens} tokens at word boundaries (a word is a
 * run of non-whitespace; the tokenizers of the supported models never join tokens across
 * whitespace, so a window's count is the sum of its words' counts).
 */
final class TokenWindows {
  private final TokenCounter counter;

  TokenWindows(TokenCounter counter) {
    this.counter = counter;
  }

  /**
   * Windows that start and end on a word and overlap by up to {@code overlapTokens}; whitespace
   * inside a window is kept as it is.
   */
  List<String> overlapping(String text, int maxTokens, int overlapTokens) {
    List<int[]> words = words(text);
    int[] counts = counts(text, words);
    List<String> windows = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      int j = end(counts, i, maxTokens);
      windows.add(text.substring(words.get(i)[0], words.get(j - 1)[1]));
      if (j == words.size()) {
        break;
      }
      int k = j;
      int overlap = 0;
      while (k - 1 > i && overlap + counts[k - 1] <= overlapTokens) {
        overlap += counts[k - 1];
        k--;
      }
      i = k;
    }
    return windows;
  }

  /**
   * Contiguous windows without overlap that together are exactly {@code text}, whitespace and all
   * (for code).
   */
  List<String> exact(String text, int maxTokens) {
    List<int[]> words = words(text);
    if (words.isEmpty()) {
      return text.isEmpty() ? List.of() : List.of(text);
    }
    int[] counts = counts(text, words);
    List<String> windows = new ArrayList<>();
    int i = 0;
    while (i < words.size()) {
      int j = end(counts, i, maxTokens);
      int start = i == 0 ? 0 : words.get(i)[0];
      int end = j == words.size() ? text.length() : words.get(j)[0];
      windows.add(text.substring(start, end));
      i = j;
    }
    return windows;
  }

  private static int end(int[] counts, int start, int maxTokens) {
    int j = start;
    int tokens = 0;
    while (j < counts.length && (j == start || tokens + counts[j] <= maxTokens)) {
      tokens += counts[j];
      j++;
    }
    return j;
  }

  private int[] counts(String text, List<int[]> words) {
    List<String> pieces = new ArrayList<>(words.size());
    for (int[] w : words) {
      pieces.add(text.substring(w[0], w[1]));
    }
    return counter.count(pieces);
  }

  /**
   * Words: runs of non-whitespace, except that each Han, Hiragana or Katakana character and each
   * CJK punctuation mark is a word of its own (those scripts use no spaces, and the tokenizer
   * splits them per character anyway).
   */
  private static List<int[]> words(String text) {
    List<int[]> words = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (Character.isWhitespace(cp)) {
        i += Character.charCount(cp);
        continue;
      }
      int start = i;
      if (isCjk(cp)) {
        i += Character.charCount(cp);
      } else {
        while (i < n) {
          int next = text.codePointAt(i);
          if (Character.isWhitespace(next) || isCjk(next)) {
            break;
          }
          i += Character.charCount(next);
        }
      }
      words.add(new int[] {start, i});
    }
    return words;
  }

  private static boolean isCjk(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || (cp >= 0x3000 && cp <= 0x303F)
        || (cp >= 0xFF00 && cp <= 0xFFEF);
  }
}
