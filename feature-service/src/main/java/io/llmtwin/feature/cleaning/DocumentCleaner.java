package io.llmtwin.feature.cleaning;

import io.llmtwin.feature.markdown.CodeFence;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.model.text.PiiScrubber;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cleans a raw document for indexing, per type (see {@code docs/feature-pipeline.md}):
 *
 * <ul>
 *   <li>articles keep their Markdown structure (headings, paragraphs, lists, fenced code blocks,
 *       the latter byte-for-byte); prose is NFC-normalised, invisible characters removed, runs of
 *       spaces collapsed, trailing spaces and surplus blank lines dropped;
 *   <li>posts are NFKC-normalised (Unicode "bold/italic" letters and full-width forms become plain
 *       letters; emoji, hashtags and line breaks stay), spaces collapsed, surplus blank lines
 *       dropped;
 *   <li>code is never touched.
 * </ul>
 *
 * Non-ASCII text is preserved in every case. PII scrubbing applies to the types listed in {@link
 * CleaningProperties#scrubPii()}.
 */
public final class DocumentCleaner {
  /** Zero-width space, word joiner, BOM and soft hyphen: invisible and meaningless in prose. */
  private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u2060\\uFEFF\\u00AD]");

  private static final Pattern HORIZONTAL_RUN = Pattern.compile("[ \\t\\u00A0\\u3000]{2,}");

  private final CleaningProperties properties;
  private final PiiScrubber scrubber = new PiiScrubber();

  public DocumentCleaner(CleaningProperties properties) {
    this.properties = properties;
  }

  /** The cleaned form of {@code document}. */
  public CleanedDocument clean(RawDocument document) {
    String content =
        switch (document.type()) {
          case ARTICLE -> cleanArticle(document.content());
          case POST -> cleanPost(document.content());
          case REPOSITORY -> document.content();
        };
    if (properties.scrubPii().contains(document.type())) {
      content = scrubber.scrub(content);
    }
    return new CleanedDocument(
        document.id(),
        document.type(),
        document.authorId(),
        document.platform(),
        document.link(),
        document.title() == null ? null : cleanInline(document.title()),
        document.publishedAt(),
        document.contentHash(),
        document.language(),
        document.path(),
        document.fetchedAt(),
        content);
  }

  static String cleanArticle(String text) {
    String[] lines = unifyLineBreaks(text).split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    CodeFence fence = null;
    int blankRun = 0;
    for (String line : lines) {
      if (fence != null) {
        out.append(line).append('\n');
        if (fence.closedBy(line)) {
          fence = null;
        }
        continue;
      }
      Optional<CodeFence> opened = CodeFence.openedBy(line);
      if (opened.isPresent()) {
        fence = opened.get();
        blankRun = 0;
        out.append(line.stripTrailing()).append('\n');
        continue;
      }
      String cleaned = cleanProseLine(Normalizer.normalize(line, Normalizer.Form.NFC));
      if (cleaned.isBlank()) {
        blankRun++;
        if (blankRun == 1) {
          out.append('\n');
        }
        continue;
      }
      blankRun = 0;
      out.append(cleaned).append('\n');
    }
    return trimBlankLines(out.toString());
  }

  static String cleanPost(String text) {
    String normalised = Normalizer.normalize(unifyLineBreaks(text), Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(normalised.length());
    int blankRun = 0;
    for (String line : normalised.split("\n", -1)) {
      String cleaned = cleanProseLine(line).strip();
      if (cleaned.isEmpty()) {
        blankRun++;
        if (blankRun == 1) {
          out.append('\n');
        }
        continue;
      }
      blankRun = 0;
      out.append(cleaned).append('\n');
    }
    return trimBlankLines(out.toString());
  }

  /** Keeps leading indentation (lists, quotes), collapses inner space runs, drops trailing ones. */
  private static String cleanProseLine(String line) {
    String visible = INVISIBLE.matcher(line).replaceAll("");
    int indent = 0;
    while (indent < visible.length()
        && (visible.charAt(indent) == ' ' || visible.charAt(indent) == '\t')) {
      indent++;
    }
    String body = HORIZONTAL_RUN.matcher(visible.substring(indent)).replaceAll(" ").stripTrailing();
    return visible.substring(0, indent) + body;
  }

  private static String cleanInline(String title) {
    return HORIZONTAL_RUN
        .matcher(
            INVISIBLE.matcher(Normalizer.normalize(title, Normalizer.Form.NFKC)).replaceAll(""))
        .replaceAll(" ")
        .strip();
  }

  private static String unifyLineBreaks(String text) {
    return text.replace("\r\n", "\n").replace('\r', '\n');
  }

  private static String trimBlankLines(String text) {
    int start = 0;
    while (start < text.length() && text.charAt(start) == '\n') {
      start++;
    }
    int end = text.length();
    while (end > start && text.charAt(end - 1) == '\n') {
      end--;
    }
    return text.substring(start, end);
  }
}
