package io.llmtwin.model.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiScrubberTest {
  private final PiiScrubber scrubber = new PiiScrubber();

  @Test
  void replacesEmailAddressesIncludingNonAscii() {
    assertThat(scrubber.scrub("Write to jane.doe+blog@example.co.uk or jürgen@bücher.de today"))
        .isEqualTo("Write to [email] or [email] today");
  }

  @Test
  void replacesPhoneNumbersWithSeparators() {
    assertThat(scrubber.scrub("Call +44 20 7946 0958 or (555) 123-4567."))
        .isEqualTo("Call [phone] or [phone].");
  }

  @Test
  void leavesDatesVersionsAndPlainNumbersAlone() {
    String text = "Released 2026-11-28, build 1234567890123, v1.2.3, 42 stars";
    assertThat(scrubber.scrub(text)).isEqualTo(text);
  }
}
