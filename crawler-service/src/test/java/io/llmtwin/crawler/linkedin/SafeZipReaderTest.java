package io.llmtwin.crawler.linkedin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafeZipReaderTest {
  static final LinkedInProperties LIMITS =
      new LinkedInProperties(
          URI.create("https://www.linkedin.com"),
          null,
          null,
          1_000_000,
          5,
          200_000,
          500_000,
          50,
          1,
          Duration.ofSeconds(1));

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static ZipRejectedException.Reason rejection(byte[] zip) {
    return catchThrowableOfType(
            ZipRejectedException.class,
            () ->
                new SafeZipReader(LIMITS)
                    .read(new ByteArrayInputStream(zip), zip.length, n -> true))
        .reason();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../evil.txt",
        "a/../../evil.txt",
        "/etc/passwd",
        "C:/windows/evil.dll",
        "a\\..\\evil"
      })
  void refusesUnsafeEntryNames(String name) {
    assertThat(
            catchThrowableOfType(ZipRejectedException.class, () -> SafeZipReader.checkName(name))
                .reason())
        .isEqualTo(ZipRejectedException.Reason.PATH_TRAVERSAL);
  }

  @Test
  void acceptsOrdinaryNames() {
    assertThatCode(() -> SafeZipReader.checkName("Articles/Articles/my..post.html"))
        .doesNotThrowAnyException();
  }

  @Test
  void countsInflatedBytesNotHeaders() throws IOException {
    assertThat(rejection(zip(Map.of("a.csv", new byte[300_000]))))
        .isIn(
            ZipRejectedException.Reason.ENTRY_TOO_LARGE,
            ZipRejectedException.Reason.COMPRESSION_RATIO);
    assertThat(
            rejection(
                zip(
                    Map.of(
                        "a",
                        new byte[1],
                        "b",
                        new byte[1],
                        "c",
                        new byte[1],
                        "d",
                        new byte[1],
                        "e",
                        new byte[1],
                        "f",
                        new byte[1]))))
        .isEqualTo(ZipRejectedException.Reason.TOO_MANY_ENTRIES);
    assertThat(rejection("plain text".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(ZipRejectedException.Reason.NOT_A_ZIP);
  }

  @Test
  void readsOnlyWantedEntries() throws IOException {
    byte[] zip =
        zip(
            Map.of(
                "Shares.csv",
                "x".getBytes(StandardCharsets.UTF_8),
                "Other.csv",
                "y".getBytes(StandardCharsets.UTF_8)));
    var read =
        new SafeZipReader(LIMITS)
            .read(new ByteArrayInputStream(zip), zip.length, n -> n.equals("Shares.csv"));
    assertThat(read).containsOnlyKeys("Shares.csv");
  }

  @Test
  void csvParserHandlesQuotesAndLineBreaks() {
    var rows = CsvParser.parse("\uFEFFa,b\r\n\"x, \"\"y\"\"\",\"line1\nline2\"\n");
    assertThat(rows)
        .containsExactly(
            java.util.List.of("a", "b"), java.util.List.of("x, \"y\"", "line1\nline2"));
  }
}
