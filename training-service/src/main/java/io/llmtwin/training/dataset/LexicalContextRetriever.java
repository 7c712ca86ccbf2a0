package io.llmtwin.training.dataset;

import io.llmtwin.model.document.DocumentType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The built-in {@link ContextRetriever}: picks the author's other document sharing the most words
 * (four letters or more) with the instruction and returns its opening as source {@code [1]}. A
 * stand-in for the feature store's hybrid retriever; the corpus is read once per author and cached
 * for the life of the bean (a dataset build).
 */
public final class LexicalContextRetriever implements ContextRetriever {
  private static final int MAX_CONTEXT = 800;

  private final CleanedDocumentSource source;
  private final ConcurrentMap<String, List<SourceDocument>> corpus = new ConcurrentHashMap<>();

  /** Reads documents from {@code source}. */
  public LexicalContextRetriever(CleanedDocumentSource source) {
    this.source = source;
  }

  @Override
  public Optional<String> context(String authorId, String instruction, String excludeDocumentId) {
    Set<String> words = words(instruction);
    return corpus.computeIfAbsent(authorId, this::load).stream()
        .filter(d -> !d.documentId().equals(excludeDocumentId))
        .map(d -> new Scored(d, overlap(words, words(d.content()))))
        .filter(s -> s.score > 0)
        .max(
            Comparator.comparingInt(Scored::score)
                .thenComparing(s -> s.document.documentId(), Comparator.reverseOrder()))
        .map(s -> format(s.document));
  }

  /** Forgets cached corpora (call after a build when documents may have changed). */
  public void clear() {
    corpus.clear();
  }

  private List<SourceDocument> load(String authorId) {
    List<SourceDocument> all = new ArrayList<>();
    for (DocumentType type : DocumentType.values()) {
      all.addAll(source.documents(authorId, type));
    }
    return all;
  }

  private static String format(SourceDocument d) {
    String text = d.content().strip();
    if (text.length() > MAX_CONTEXT) {
      text = text.substring(0, MAX_CONTEXT);
    }
    return "[1] " + (d.title() == null ? d.documentId() : d.title()) + "\n" + text;
  }

  private static int overlap(Set<String> a, Set<String> b) {
    int n = 0;
    for (String w : a) {
      if (b.contains(w)) {
        n++;
      }
    }
    return n;
  }

  private static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 4) {
        out.add(w);
      }
    }
    return out;
  }

  private record Scored(SourceDocument document, int score) {}
}
