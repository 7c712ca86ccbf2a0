package io.llmtwin.featurestore.retrieval;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Self-query: finds the author a query names, among the authors of an {@link AuthorDirectory}.
 *
 * <p>A name or alias matches when its words appear consecutively in the query, compared without
 * case or accents and ignoring a possessive {@code 's}. Fuzzy matching tolerates typos: a word of 4
 * to 7 letters may be one edit away, a longer one two (optimal string alignment distance), at most
 * two edits in all; a name of several words needs at least one of them exact, a one-word name or
 * alias needs 5 letters or more to be matched fuzzily. Parts of a full name alone ("Paul") do not
 * match: list them as aliases to allow that.
 *
 * <p>Exact matches beat fuzzy ones, fewer edits beat more, longer names beat shorter. When two
 * different authors tie, nothing is resolved: the resolver never guesses and never returns an
 * author the directory does not list.
 */
public final class AuthorResolver {
  private static final Pattern POSSESSIVE = Pattern.compile("['’]s\\b");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final int MAX_TOTAL_EDITS = 2;

  /** Fewer edits first, then longer names (in words). */
  private static final Comparator<NamedMatch> ORDER =
      Comparator.comparingInt((NamedMatch m) -> m.match().distance())
          .thenComparing(Comparator.comparingInt(NamedMatch::nameWords).reversed());

  /** A match with the word count of its name, so the name is split only once. */
  private record NamedMatch(AuthorMatch match, int nameWords) {}

  private final AuthorDirectory directory;

  public AuthorResolver(AuthorDirectory directory) {
    this.directory = directory;
  }

  /** The author the query names, if exactly one can be told apart. */
  public Optional<AuthorMatch> resolve(String query) {
    if (query == null || query.isBlank()) {
      return Optional.empty();
    }
    List<String> words = words(query);
    List<NamedMatch> matches = new ArrayList<>();
    for (KnownAuthor author : directory.authors()) {
      NamedMatch best = null;
      for (String name : author.names()) {
        List<String> nameWords = words(name);
        int distance = bestDistance(words, nameWords);
        if (distance < 0) {
          continue;
        }
        NamedMatch match =
            new NamedMatch(new AuthorMatch(author, name, distance), nameWords.size());
        if (best == null || ORDER.compare(match, best) < 0) {
          best = match;
        }
      }
      if (best != null) {
        matches.add(best);
      }
    }
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    matches.sort(ORDER);
    if (matches.size() > 1 && ORDER.compare(matches.get(0), matches.get(1)) == 0) {
      return Optional.empty();
    }
    return Optional.of(matches.get(0).match());
  }

  /** Smallest accepted distance of {@code name} to a window of {@code query}, or -1. */
  private static int bestDistance(List<String> query, List<String> name) {
    if (name.isEmpty() || name.size() > query.size()) {
      return -1;
    }
    int best = -1;
    for (int start = 0; start + name.size() <= query.size(); start++) {
      int total = 0;
      int exactWords = 0;
      boolean accepted = true;
      for (int k = 0; k < name.size() && accepted; k++) {
        String expected = name.get(k);
        String actual = query.get(start + k);
        int d = expected.equals(actual) ? 0 : editDistance(expected, actual);
        if (d == 0) {
          exactWords++;
        }
        accepted = d <= allowedEdits(expected, name.size() == 1);
        total += d;
      }
      if (!accepted
          || total > MAX_TOTAL_EDITS
          || (total > 0 && exactWords == 0 && name.size() > 1)) {
        continue;
      }
      if (best < 0 || total < best) {
        best = total;
      }
    }
    return best;
  }

  private static int allowedEdits(String word, boolean singleWordName) {
    int length = word.codePointCount(0, word.length());
    if (singleWordName) {
      return length >= 5 ? 1 : 0;
    }
    if (length < 4) {
      return 0;
    }
    return length < 8 ? 1 : 2;
  }

  /** Lower-case words without accents, possessives removed. */
  static List<String> words(String text) {
    String plain = Normalizer.normalize(text, Normalizer.Form.NFKD);
    plain = MARKS.matcher(plain).replaceAll("");
    plain = POSSESSIVE.matcher(plain).replaceAll("");
    List<String> words = new ArrayList<>();
    for (String w : NON_WORD.split(plain.toLowerCase(Locale.ROOT))) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int editDistance(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[][] d = new int[x.length + 1][y.length + 1];
    for (int i = 0; i <= x.length; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= y.length; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      for (int j = 1; j <= y.length; j++) {
        int cost = x[i - 1] == y[j - 1] ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[x.length][y.length];
  }
}
