package io.llmtwin.featurestore.retrieval;

import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The retrieval evaluation fixture in {@code src/test/resources/retrieval-eval}: documents of three
 * authors and three types, the authors, and queries with their relevant documents.
 */
final class EvaluationCorpus {
  private static final String DIR = "/retrieval-eval/";

  record Query(String text, Set<String> relevant) {}

  private EvaluationCorpus() {}

  static List<CleanedDocument> documents() {
    List<CleanedDocument> documents = new ArrayList<>();
    for (String file : List.of("corpus-ana.txt", "corpus-ben.txt", "corpus-chloe.txt")) {
      documents.addAll(parseDocuments(read(file)));
    }
    return documents;
  }

  static List<KnownAuthor> authors() {
    List<KnownAuthor> authors = new ArrayList<>();
    for (String line : read("authors.txt").split("\\R")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\\|");
      List<String> aliases =
          Arrays.stream(f[2].split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
      authors.add(new KnownAuthor(f[0].strip(), f[1].strip(), aliases));
    }
    return authors;
  }

  static List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (String line : read("queries.txt").split("\\R")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int bar = line.lastIndexOf('|');
      Set<String> relevant = new LinkedHashSet<>();
      for (String id : line.substring(bar + 1).split(",")) {
        relevant.add(id.strip());
      }
      queries.add(new Query(line.substring(0, bar).strip(), relevant));
    }
    return queries;
  }

  /**
   * Chunks as the feature pipeline would cut them, simplified: articles by paragraph, posts and
   * code files whole (all fixture files are short).
   */
  static List<String> chunk(CleanedDocument document) {
    if (document.type() != DocumentType.ARTICLE) {
      return List.of(document.content());
    }
    return Arrays.stream(document.content().split("\\n\\s*\\n"))
        .map(String::strip)
        .filter(p -> !p.isEmpty())
        .toList();
  }

  private static List<CleanedDocument> parseDocuments(String text) {
    List<CleanedDocument> documents = new ArrayList<>();
    String[] blocks = text.split("(?m)^### ");
    for (String block : blocks) {
      if (block.isBlank()) {
        continue;
      }
      int newline = block.indexOf('\n');
      String[] h = block.substring(0, newline).split("\\|");
      String id = h[0].strip();
      DocumentType type =
          switch (h[2].strip()) {
            case "article" -> DocumentType.ARTICLE;
            case "post" -> DocumentType.POST;
            case "code" -> DocumentType.REPOSITORY;
            default -> throw new IllegalArgumentException("unknown type in " + id);
          };
      Platform platform = Platform.parse(h[3].strip());
      String title = h[5].strip();
      String content = block.substring(newline + 1).strip();
      documents.add(
          new CleanedDocument(
              id,
              type,
              h[1].strip(),
              platform,
              "https://" + platform.key() + ".example/" + id,
              title,
              LocalDate.parse(h[4].strip()).atStartOfDay().toInstant(ZoneOffset.UTC),
              null,
              type == DocumentType.REPOSITORY ? null : "en",
              type == DocumentType.REPOSITORY ? title : null,
              null,
              content));
    }
    return documents;
  }

  private static String read(String name) {
    try (InputStream in = EvaluationCorpus.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIR + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
