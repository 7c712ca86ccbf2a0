package io.llmtwin.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  @Test
  void headlessPrintsPlainLinesAtEachTenthAndASummary() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Console console =
        new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, false);
    ProgressBar bar = console.bar("train", 100, "steps");
    for (int i = 1; i <= 100; i++) {
      bar.update(i, 100, "loss 1.0", 5L);
    }
    bar.finish("twin-demo v1");
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("\r").doesNotContain("\u001b");
    assertThat(text.lines().filter(l -> l.startsWith("train: ")).count()).isEqualTo(12);
    assertThat(text).contains("train: 50/100 steps, loss 1.0, ETA 0:05");
    assertThat(text).containsPattern("train: done, twin-demo v1 \\(\\d+\\.\\d s\\)");
  }

  @Test
  void interactiveRedrawsOneLineWithBarCountsDetailAndEta() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Console console =
        new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, true);
    ProgressBar bar = console.bar("crawl", 4, "links");
    bar.update(2, 4, "7 documents", 30L);
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("\r")
        .contains("crawl [")
        .contains("2/4 links")
        .contains("7 documents")
        .contains("ETA 0:30");
    assertThat(bar.render(100)).containsPattern("\\[=+> +\\]");
  }

  @Test
  void unknownTotalShowsASpinnerAndCount() {
    Console console = new Console(new PrintStream(new ByteArrayOutputStream()), System.err, true);
    ProgressBar bar = console.bar("serving", 0, "checks");
    bar.update(3, 0, "loading", null);
    assertThat(bar.render(80)).startsWith("serving ").contains(" 3 checks").contains("loading");
  }
}
