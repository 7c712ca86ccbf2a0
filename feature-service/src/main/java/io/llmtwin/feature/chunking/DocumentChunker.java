package io.llmtwin.feature.chunking;

import io.llmtwin.feature.chunking.ChunkingProperties.Limits;
import io.llmtwin.feature.markdown.CodeFence;
import io.llmtwin.model.document.DocumentType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cuts cleaned text into chunks measured in the embedding model's tokens, per type:
 *
 * <ul>
 *   <li>articles: blocks (heading, paragraph or list, fenced code block) are packed into chunks of
 *       at most {@code max-tokens}; a heading always starts a new chunk and stays with the text
 *       after it; a block longer than the limit becomes overlapping windows;
 *   <li>posts: the whole post, or overlapping windows when it is too long;
 *   <li>code: top-level blocks (a non-indented line after a blank line starts one: functions,
 *       classes, blank-line separated groups) packed under the cap, oversized blocks split at line
 *       ends; the chunks concatenate to the file byte-for-byte.
 * </ul>
 */
public final class DocumentChunker {
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s.*");

  private final ChunkingProperties properties;
  private final TokenCounter counter;
  private final TokenWindows windows;

  public DocumentChunker(ChunkingProperties properties, TokenCounter counter) {
    this.properties = properties;
    this.counter = counter;
    this.windows = new TokenWindows(counter);
  }

  /** The chunks of {@code cleanedText}, in order; empty for blank text. */
  public List<String> chunk(DocumentType type, String cleanedText) {
    if (cleanedText.isBlank()) {
      return List.of();
    }
    return switch (type) {
      case ARTICLE -> chunkArticle(cleanedText, properties.article());
      case POST -> chunkPost(cleanedText, properties.post());
      case REPOSITORY -> chunkCode(cleanedText, properties.repository());
    };
  }

  private List<String> chunkPost(String text, Limits limits) {
    String post = text.strip();
    if (counter.count(post) <= limits.maxTokens()) {
      return List.of(post);
    }
    return windows.overlapping(post, limits.maxTokens(), limits.overlapTokens());
  }

  private record Block(String text, boolean heading) {}

  private List<String> chunkArticle(String text, Limits limits) {
    List<Block> blocks = articleBlocks(text);
    int[] counts = counter.count(blocks.stream().map(Block::text).toList());
    List<String> chunks = new ArrayList<>();
    List<String> pending = new ArrayList<>();
    int pendingTokens = 0;
    boolean onlyHeadings = true;
    for (int b = 0; b < blocks.size(); b++) {
      Block block = blocks.get(b);
      int tokens = counts[b];
      if (block.heading()) {
        flush(pending, chunks);
        pending.add(block.text());
        pendingTokens = tokens;
        onlyHeadings = true;
        continue;
      }
      if (tokens > limits.maxTokens()) {
        String body = block.text();
        if (!pending.isEmpty() && onlyHeadings) {
          body = String.join("\n\n", pending) + "\n\n" + body;
          pending.clear();
        } else {
          flush(pending, chunks);
        }
        chunks.addAll(windows.overlapping(body, limits.maxTokens(), limits.overlapTokens()));
        pendingTokens = 0;
        onlyHeadings = true;
        continue;
      }
      if (pendingTokens + tokens > limits.maxTokens()) {
        flush(pending, chunks);
        pendingTokens = 0;
      }
      pending.add(block.text());
      pendingTokens += tokens;
      onlyHeadings = false;
    }
    flush(pending, chunks);
    return chunks;
  }

  private static void flush(List<String> pending, List<String> chunks) {
    if (!pending.isEmpty()) {
      chunks.add(String.join("\n\n", pending));
      pending.clear();
    }
  }

  private static List<Block> articleBlocks(String text) {
    List<Block> blocks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    CodeFence fence = null;
    for (String line : text.split("\n", -1)) {
      if (fence != null) {
        current.append('\n').append(line);
        if (fence.closedBy(line)) {
          fence = null;
          addBlock(blocks, current, false);
        }
        continue;
      }
      Optional<CodeFence> opened = CodeFence.openedBy(line);
      if (opened.isPresent()) {
        addBlock(blocks, current, false);
        fence = opened.get();
        current.append(line);
        continue;
      }
      if (line.isBlank()) {
        addBlock(blocks, current, false);
      } else if (HEADING.matcher(line).matches()) {
        addBlock(blocks, current, false);
        current.append(line);
        addBlock(blocks, current, true);
      } else {
        if (!current.isEmpty()) {
          current.append('\n');
        }
        current.append(line);
      }
    }
    addBlock(blocks, current, false);
    return blocks;
  }

  private static void addBlock(List<Block> blocks, StringBuilder current, boolean heading) {
    String text = current.toString().strip();
    current.setLength(0);
    if (!text.isEmpty()) {
      blocks.add(new Block(text, heading));
    }
  }

  private List<String> chunkCode(String code, Limits limits) {
    List<String> blocks = codeBlocks(code);
    int[] counts = counter.count(blocks);
    List<String> chunks = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int pendingTokens = 0;
    for (int b = 0; b < blocks.size(); b++) {
      String block = blocks.get(b);
      int tokens = counts[b];
      if (tokens > limits.maxTokens()) {
        flushCode(pending, chunks);
        pendingTokens = 0;
        chunks.addAll(splitLines(block, limits.maxTokens()));
        continue;
      }
      if (pendingTokens + tokens > limits.maxTokens()) {
        flushCode(pending, chunks);
        pendingTokens = 0;
      }
      pending.append(block);
      pendingTokens += tokens;
    }
    flushCode(pending, chunks);
    return chunks;
  }

  private static void flushCode(StringBuilder pending, List<String> chunks) {
    if (!pending.isEmpty()) {
      chunks.add(pending.toString());
      pending.setLength(0);
    }
  }

  private List<String> splitLines(String block, int maxTokens) {
    List<String> lines = lines(block);
    int[] counts = counter.count(lines);
    List<String> chunks = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    int pendingTokens = 0;
    for (int l = 0; l < lines.size(); l++) {
      if (counts[l] > maxTokens) {
        flushCode(pending, chunks);
        pendingTokens = 0;
        chunks.addAll(windows.exact(lines.get(l), maxTokens));
        continue;
      }
      if (pendingTokens + counts[l] > maxTokens) {
        flushCode(pending, chunks);
        pendingTokens = 0;
      }
      pending.append(lines.get(l));
      pendingTokens += counts[l];
    }
    flushCode(pending, chunks);
    return chunks;
  }

  /** Top-level blocks, each with its line terminators; they concatenate to {@code code}. */
  static List<String> codeBlocks(String code) {
    List<String> lines = lines(code);
    List<String> blocks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean previousBlank = false;
    for (String line : lines) {
      boolean blank = line.isBlank();
      boolean topLevel = !blank && !Character.isWhitespace(line.charAt(0));
      if (topLevel && previousBlank && !current.isEmpty()) {
        blocks.add(current.toString());
        current.setLength(0);
      }
      current.append(line);
      previousBlank = blank;
    }
    if (!current.isEmpty()) {
      blocks.add(current.toString());
    }
    return blocks;
  }

  /** Lines including their terminators ({@code \n}, {@code \r\n} or {@code \r}). */
  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
