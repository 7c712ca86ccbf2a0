package io.llmtwin.featurestore.retrieval;

import io.llmtwin.featurestore.LexicalSparseEncoder;
import io.llmtwin.featurestore.LexicalVector;
import java.util.List;
import java.util.Set;

/**
 * The sparse side of a query: {@link LexicalSparseEncoder#encodeQuery} (the function the chunks
 * were indexed with) over the query's terms without common English function words. Dropping them
 * from the query only changes which document weights are summed, so the score stays a BM25 score;
 * it matters where the idf modifier is missing (the devstack stand-in) and saves work everywhere.
 */
final class QueryTerms {
  private static final Set<String> STOPWORDS =
      Set.of(
          "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do",
          "does", "for", "from", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its",
          "me", "my", "of", "on", "or", "our", "should", "so", "that", "the", "their", "them",
          "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "where",
          "which", "who", "why", "will", "with", "would", "you", "your");

  private final LexicalSparseEncoder encoder;

  QueryTerms(LexicalSparseEncoder encoder) {
    this.encoder = encoder;
  }

  LexicalVector encode(String query) {
    List<String> kept = encoder.terms(query).stream().filter(t -> !STOPWORDS.contains(t)).toList();
    if (kept.isEmpty()) {
      return encoder.encodeQuery(query);
    }
    return encoder.encodeQuery(String.join(" ", kept));
  }
}
