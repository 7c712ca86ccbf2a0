package io.llmtwin.web.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Measures main-content extraction on the hand-written fixture pages in {@code
 * src/test/resources/extraction}: word-level precision and recall against the expected article
 * text, printed per page and on average.
 */
class ExtractionQualityTest {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private final ContentExtractor extractor = new ContentExtractor();

  record Score(String page, double precision, double recall, boolean titleOk) {}

  @Test
  void extractsMainContentOfFixturePagesWithHighPrecisionAndRecall() throws Exception {
    Path dir = Paths.get(getClass().getResource("/extraction").toURI());
    List<Path> pages;
    try (Stream<Path> files = Files.list(dir)) {
      pages = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    assertThat(pages).hasSizeGreaterThanOrEqualTo(25);
    List<Score> scores = new ArrayList<>();
    for (Path page : pages) {
      scores.add(score(page));
    }
    double precision = scores.stream().mapToDouble(Score::precision).average().orElse(0);
    double recall = scores.stream().mapToDouble(Score::recall).average().orElse(0);
    scores.forEach(
        s ->
            System.out.printf(
                Locale.ROOT,
                "extraction %-60s precision=%.3f recall=%.3f title=%s%n",
                s.page(),
                s.precision(),
                s.recall(),
                s.titleOk() ? "ok" : "WRONG"));
    System.out.printf(
        Locale.ROOT,
        "extraction summary: %d pages, mean precision=%.3f, mean recall=%.3f, min precision=%.3f,"
            + " min recall=%.3f%n",
        scores.size(),
        precision,
        recall,
        scores.stream().mapToDouble(Score::precision).min().orElse(0),
        scores.stream().mapToDouble(Score::recall).min().orElse(0));

    assertThat(precision).isGreaterThanOrEqualTo(0.90);
    assertThat(recall).isGreaterThanOrEqualTo(0.95);
    assertThat(scores).allSatisfy(s -> assertThat(s.recall()).isGreaterThan(0.8));
    assertThat(scores).allSatisfy(s -> assertThat(s.precision()).isGreaterThan(0.6));
    assertThat(scores).allSatisfy(s -> assertThat(s.titleOk()).as(s.page()).isTrue());
  }

  private Score score(Path page) throws IOException {
    Document doc;
    try (InputStream in = Files.newInputStream(page)) {
      doc = Jsoup.parse(in, null, "https://blog.example.org/posts/x");
    }
    ExtractedArticle article =
        extractor.extract(doc, URI.create("https://blog.example.org/posts/x"));
    String expectedFile =
        Files.readString(
            Paths.get(page.toString().replace(".html", ".expected.txt")), StandardCharsets.UTF_8);
    String expectedTitle = expectedFile.lines().findFirst().orElse("").replaceFirst("^title: ", "");
    String expected = expectedFile.substring(expectedFile.indexOf('\n') + 1);
    Map<String, Integer> want = words(expected);
    Map<String, Integer> got = words(article.content());
    int overlap = 0;
    for (Map.Entry<String, Integer> entry : got.entrySet()) {
      overlap += Math.min(entry.getValue(), want.getOrDefault(entry.getKey(), 0));
    }
    int gotTotal = got.values().stream().mapToInt(Integer::intValue).sum();
    int wantTotal = want.values().stream().mapToInt(Integer::intValue).sum();
    return new Score(
        page.getFileName().toString().replace(".html", ""),
        gotTotal == 0 ? 0 : (double) overlap / gotTotal,
        wantTotal == 0 ? 0 : (double) overlap / wantTotal,
        expectedTitle.equals(article.title()));
  }

  private static Map<String, Integer> words(String text) {
    Map<String, Integer> counts = new HashMap<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      counts.merge(m.group(), 1, Integer::sum);
    }
    return counts;
  }
}
