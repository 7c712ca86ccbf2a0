package io.llmtwin.model.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses with {@code [email]} and phone numbers with {@code [phone]}. A phone
 * number is a run of 9 to 15 digits with the usual separators ({@code + ( ) . - space}); ISO dates
 * and plain long numbers without separators or a leading {@code +} are left alone.
 *
 * <p>The one scrubber of the system: the feature pipeline applies it before indexing and the
 * training-dataset builder before samples are written, so both remove the same things.
 */
public final class PiiScrubber {
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern PHONE_CANDIDATE =
      Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{6,}\\d(?![\\w])");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

  /** The text with e-mail addresses and phone numbers replaced. */
  public String scrub(String text) {
    String withoutEmails = EMAIL.matcher(text).replaceAll("[email]");
    Matcher m = PHONE_CANDIDATE.matcher(withoutEmails);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replacement(m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replacement(String candidate) {
    long digits = candidate.chars().filter(Character::isDigit).count();
    boolean separated = candidate.startsWith("+") || candidate.matches(".*[ ().-].*");
    if (digits < 9 || digits > 15 || !separated || ISO_DATE.matcher(candidate).matches()) {
      return candidate;
    }
    return "[phone]";
  }
}
