package io.llmtwin.training.dataset;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces e-mail addresses with {@code [email]} and phone numbers with {@code [phone]}, with the
 * same rules as the feature pipeline's cleaner (a phone number is 9–15 digits with separators or a
 * leading {@code +}; ISO dates and bare long numbers stay). Duplicated from feature-service, where
 * the scrubber is package-private; both should move to a shared place.
 */
final class PiiScrubber {
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d ().-]{6,}\\d(?!\\w)");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");

  String scrub(String text) {
    String noEmails = EMAIL.matcher(text).replaceAll("[email]");
    Matcher m = PHONE.matcher(noEmails);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String candidate = m.group();
      long digits = candidate.chars().filter(Character::isDigit).count();
      boolean separated = candidate.startsWith("+") || candidate.matches(".*[ ().-].*");
      boolean phone =
          digits >= 9 && digits <= 15 && separated && !ISO_DATE.matcher(candidate).matches();
      m.appendReplacement(out, Matcher.quoteReplacement(phone ? "[phone]" : candidate));
    }
    m.appendTail(out);
    return out.toString();
  }
}
