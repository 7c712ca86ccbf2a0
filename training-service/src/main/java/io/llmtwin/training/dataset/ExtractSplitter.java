package io.llmtwin.training.dataset;

import io.llmtwin.model.text.PiiScrubber;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts documents into extracts: articles by section (blank-line separated paragraphs packed up to a
 * limit, a new section starting at a Markdown heading), posts whole, code one file per extract (cut
 * at the limit on line boundaries when longer).
 */
final class ExtractSplitter {
  private static final Pattern PARAGRAPHS = Pattern.compile("\\n\\s*\\n");

  private final int maxChars;

  ExtractSplitter(int maxChars) {
    this.maxChars = maxChars;
  }

  List<Extract> split(SourceDocument document, PiiScrubber scrubber) {
    String text = scrubber.scrub(document.content()).strip();
    List<String> pieces =
        switch (document.type()) {
          case POST -> List.of(text);
          case ARTICLE -> sections(text);
          case REPOSITORY -> lines(text);
        };
    List<Extract> out = new ArrayList<>();
    for (String piece : pieces) {
      if (!piece.isBlank()) {
        out.add(
            new Extract(
                document.documentId() + "#" + out.size(),
                document.documentId(),
                document.type(),
                document.platform(),
                document.title(),
                piece.strip()));
      }
    }
    return out;
  }

  private List<String> sections(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String paragraph : PARAGRAPHS.split(text)) {
      boolean heading = paragraph.startsWith("#");
      if (current.length() > 0
          && (heading || current.length() + paragraph.length() + 2 > maxChars)) {
        out.add(current.toString());
        current.setLength(0);
      }
      if (paragraph.length() > maxChars) {
        out.addAll(cut(paragraph));
        continue;
      }
      if (current.length() > 0) {
        current.append("\n\n");
      }
      current.append(paragraph);
    }
    if (current.length() > 0) {
      out.add(current.toString());
    }
    return out;
  }

  private List<String> lines(String text) {
    if (text.length() <= maxChars) {
      return List.of(text);
    }
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (current.length() > 0 && current.length() + line.length() + 1 > maxChars) {
        out.add(current.toString());
        current.setLength(0);
      }
      current.append(line).append('\n');
    }
    out.add(current.toString());
    return out;
  }

  private List<String> cut(String text) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += maxChars) {
      out.add(text.substring(i, Math.min(text.length(), i + maxChars)));
    }
    return out;
  }
}
