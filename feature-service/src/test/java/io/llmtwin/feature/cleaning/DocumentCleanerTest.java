package io.llmtwin.feature.cleaning;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentCleanerTest {
  private final DocumentCleaner cleaner = new DocumentCleaner(CleaningProperties.defaults());

  private static RawDocument doc(DocumentType type, String content) {
    return new RawDocument(
        "doc-1",
        type,
        "jane",
        type == DocumentType.REPOSITORY ? Platform.GITHUB : Platform.MEDIUM,
        "https://example.com/x",
        "Title",
        content,
        Instant.EPOCH,
        Instant.EPOCH,
        DocumentIds.contentHash(content),
        "en",
        null);
  }

  @Test
  void articleKeepsHeadingsListsAndCodeBlocksButTidiesProse() {
    String raw =
        "\n\n# RAG   in Java\r\n\r\nRetrieval\u200B   first,  then   generation.   \n\n\n\n"
            + "- one\n- two\n  - nested   item\n\n"
            + "```java\nint  x =  1;   \n\n\n\tif (x) {  }\n```\n\nThe end.\n\n";
    String cleaned = cleaner.clean(doc(DocumentType.ARTICLE, raw)).content();
    assertThat(cleaned)
        .isEqualTo(
            "# RAG in Java\n\nRetrieval first, then generation.\n\n"
                + "- one\n- two\n  - nested item\n\n"
                + "```java\nint  x =  1;   \n\n\n\tif (x) {  }\n```\n\nThe end.");
  }

  @Test
  void articlePreservesNonEnglishText() {
    String raw = "# Überblick\n\nDie Straße führt nach Zürich. 检索增强生成。 Ελληνικά — «citation».";
    assertThat(cleaner.clean(doc(DocumentType.ARTICLE, raw)).content()).isEqualTo(raw);
  }

  @Test
  void postTurnsMathBoldIntoPlainLettersAndKeepsEmojiHashtagsAndLineBreaks() {
    String raw =
        "𝐁𝐢𝐠 𝐧𝐞𝐰𝐬 🚀   today!\n\n\n\n𝘐𝘵𝘢𝘭𝘪𝘤 line 👩‍💻\n#𝐀𝐈 #LLMOps   #Java";
    String cleaned = cleaner.clean(doc(DocumentType.POST, raw)).content();
    assertThat(cleaned).isEqualTo("Big news 🚀 today!\n\nItalic line 👩‍💻\n#AI #LLMOps #Java");
  }

  @Test
  void postScrubsEmailsAndPhoneNumbersByDefault() {
    String raw =
        "Write to jane.doe+ai@example.co.uk or call +44 20 7946 0958. Released 2026-11-28.";
    assertThat(cleaner.clean(doc(DocumentType.POST, raw)).content())
        .isEqualTo("Write to [email] or call [phone]. Released 2026-11-28.");
  }

  @Test
  void articlesAreNotScrubbedUnlessConfigured() {
    String raw = "Contact jane@example.com";
    assertThat(cleaner.clean(doc(DocumentType.ARTICLE, raw)).content()).isEqualTo(raw);
    var scrubbing = new DocumentCleaner(new CleaningProperties(Set.of(DocumentType.ARTICLE)));
    assertThat(scrubbing.clean(doc(DocumentType.ARTICLE, raw)).content())
        .isEqualTo("Contact [email]");
  }

  @Test
  void codeIsNeverReformattedByteForByte() {
    String code =
        "package x;\r\n\r\n\tclass A {   \n  int  y;\t\n\n\n\n}\n\u00a0// naïve 𝐛𝐨𝐥𝐝 comment\n   ";
    assertThat(cleaner.clean(doc(DocumentType.REPOSITORY, code)).content()).isEqualTo(code);
  }

  @Test
  void keepsMetadataAndNormalisesTitle() {
    var cleaned = cleaner.clean(doc(DocumentType.POST, "hi"));
    assertThat(cleaned.documentId()).isEqualTo("doc-1");
    assertThat(cleaned.authorId()).isEqualTo("jane");
    assertThat(cleaned.contentHash()).isEqualTo(DocumentIds.contentHash("hi"));
    assertThat(cleaned.title()).isEqualTo("Title");
  }
}
