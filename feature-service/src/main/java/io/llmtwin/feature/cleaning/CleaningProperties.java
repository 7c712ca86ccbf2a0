package io.llmtwin.feature.cleaning;

import io.llmtwin.model.document.DocumentType;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cleaning settings, {@code llmtwin.feature.cleaning.*}.
 *
 * @param scrubPii document types whose e-mail addresses and phone numbers are replaced by {@code
 *     [email]} / {@code [phone]} before indexing; default {@code post}
 */
@ConfigurationProperties("llmtwin.feature.cleaning")
public record CleaningProperties(Set<DocumentType> scrubPii) {
  public CleaningProperties {
    scrubPii = scrubPii == null ? EnumSet.of(DocumentType.POST) : Set.copyOf(scrubPii);
  }

  /** Defaults: PII scrubbing for posts only. */
  public static CleaningProperties defaults() {
    return new CleaningProperties(null);
  }
}
