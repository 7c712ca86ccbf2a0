package io.llmtwin.feature.markdown;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The marker of a Markdown fenced code block, and the one rule cleaning and chunking both follow: a
 * line indented by at most three whitespace characters that starts with {@code ```} or {@code ~~~}
 * opens a fence, and the first later line that (ignoring surrounding whitespace) starts with the
 * same marker closes it.
 */
public record CodeFence(String marker) {
  private static final Pattern OPENING = Pattern.compile("^\\s{0,3}(```|~~~).*");

  /** The fence {@code line} opens, if it opens one. */
  public static Optional<CodeFence> openedBy(String line) {
    if (!OPENING.matcher(line).matches()) {
      return Optional.empty();
    }
    return Optional.of(new CodeFence(line.strip().substring(0, 3)));
  }

  /** Whether {@code line}, inside this fence, closes it. */
  public boolean closedBy(String line) {
    return line.strip().startsWith(marker);
  }
}
