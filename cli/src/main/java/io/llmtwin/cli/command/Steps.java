package io.llmtwin.cli.command;

import io.llmtwin.cli.api.ApiClient;
import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.api.TwinApi;
import io.llmtwin.cli.console.Console;
import io.llmtwin.cli.console.ProgressBar;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * The long-running flows shared by the commands and the demo: each waits for an outcome and shows a
 * progress bar while it does.
 */
public final class Steps {
  private static final Set<String> CRAWL_DONE = Set.of("DONE", "DONE_WITH_FAILURES");
  private static final Set<String> JOB_TERMINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration SETTLE = Duration.ofSeconds(30);

  private Steps() {}

  /**
   * Polls a crawl until every link finished; the bar counts finished links and documents written.
   *
   * @throws IllegalStateException when it does not finish in time
   */
  public static JsonNode waitForCrawl(
      TwinApi api, JsonNode crawl, Console console, String label, Duration timeout) {
    String id = crawl.path("id").asString();
    int links = crawl.path("links").size();
    ProgressBar bar = console.bar(label, links, "links");
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode current = crawl;
    while (!CRAWL_DONE.contains(current.path("status").asString(""))) {
      if (System.nanoTime() > deadline) {
        bar.fail("timed out");
        throw new IllegalStateException(
            "crawl " + id + " did not finish within " + timeout.toSeconds() + " s");
      }
      pause(POLL);
      current = api.crawl(id);
      int finished = 0;
      for (JsonNode link : current.path("links")) {
        String s = link.path("status").asString("");
        if (s.equals("DONE") || s.equals("FAILED")) {
          finished++;
        }
      }
      bar.update(finished, links, documents(current) + " documents written", null);
    }
    bar.finish(summary(current));
    return current;
  }

  /** {@code 3 links: 12 inserted, 0 updated, 0 unchanged, 1 failed}. */
  public static String summary(JsonNode crawl) {
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    int failed = 0;
    for (JsonNode link : crawl.path("links")) {
      inserted += link.path("inserted").asInt();
      updated += link.path("updated").asInt();
      unchanged += link.path("unchanged").asInt();
      failed += link.path("status").asString("").equals("FAILED") ? 1 : 0;
      failed += link.path("failedItems").asInt();
    }
    return crawl.path("links").size()
        + " links: "
        + inserted
        + " inserted, "
        + updated
        + " updated, "
        + unchanged
        + " unchanged, "
        + failed
        + " failed";
  }

  /** One line per failed link or item of a crawl. */
  public static List<String> failures(JsonNode crawl) {
    List<String> out = new ArrayList<>();
    for (JsonNode link : crawl.path("links")) {
      if (link.path("status").asString("").equals("FAILED")) {
        out.add(
            link.path("link").asString()
                + ": "
                + link.path("reason").asString("")
                + " "
                + link.path("message").asString(""));
      }
      for (JsonNode f : link.path("failures")) {
        out.add(f.toString());
      }
    }
    return out;
  }

  private static int documents(JsonNode crawl) {
    int n = 0;
    for (JsonNode link : crawl.path("links")) {
      n += link.path("inserted").asInt() + link.path("updated").asInt();
    }
    return n;
  }

  /**
   * Waits until the feature store holds at least {@code expected} cleaned documents of the author
   * ({@code GET /api/v1/corpus/{authorId}} on training-service), or until a count above zero stops
   * changing for 30 s.
   */
  public static JsonNode waitForCorpus(
      TwinApi api, String authorId, long expected, Console console, Duration timeout) {
    ProgressBar bar = console.bar("feature store", expected, "documents indexed");
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastTotal = -1;
    String lastError = "";
    long lastChange = System.nanoTime();
    while (true) {
      JsonNode corpus;
      try {
        corpus = api.corpus(authorId);
      } catch (ApiException e) {
        if (e.status() == 404 || e.status() == 0 || e.status() >= 500) {
          lastError = "; last answer: " + e.getMessage();
          corpus = ApiClient.parse("{}");
        } else {
          bar.fail(e.getMessage());
          throw e;
        }
      }
      long total = corpus.path("total").asLong(0);
      List<String> byType = new ArrayList<>();
      corpus
          .path("documents")
          .properties()
          .forEach(e -> byType.add(e.getKey() + " " + e.getValue().asLong()));
      bar.update(Math.min(total, expected), expected, String.join(", ", byType), null);
      if (total != lastTotal) {
        lastTotal = total;
        lastChange = System.nanoTime();
      }
      if (total >= expected) {
        bar.finish(total + " documents");
        return corpus;
      }
      if (total > 0 && System.nanoTime() - lastChange > SETTLE.toNanos()) {
        // the pipeline may merge or skip a few documents: a count that stopped moving is the
        // outcome
        bar.finish(
            total
                + " documents (of "
                + expected
                + " expected; no change for "
                + SETTLE.toSeconds()
                + " s)");
        return corpus;
      }
      if (System.nanoTime() > deadline) {
        bar.fail("timed out with " + total + " of " + expected);
        throw new IllegalStateException(
            "the feature store holds "
                + total
                + " of "
                + expected
                + " documents after "
                + timeout.toSeconds()
                + " s"
                + lastError);
      }
      lastError = "";
      pause(Duration.ofSeconds(1));
    }
  }

  /**
   * Follows a training job's events with a bar (step, loss, ETA) until it ends; falls back to
   * polling when the stream breaks.
   *
   * @return the job in its terminal state
   */
  public static JsonNode followTraining(
      TwinApi api, JsonNode job, Console console, Duration timeout) {
    String id = job.path("id").asString();
    ProgressBar bar = console.bar("train", 0, "steps");
    AtomicBoolean terminal = new AtomicBoolean();
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      api.followTrainingJob(
          id,
          (event, data) -> {
            JsonNode d = ApiClient.parse(data);
            if (event.equals("progress")) {
              bar.update(
                  d.path("step").asLong(),
                  d.path("totalSteps").asLong(),
                  String.format(
                      "loss %.4f, %.0f tokens/s",
                      d.path("loss").asDouble(), d.path("tokensPerSecond").asDouble()),
                  d.has("etaSeconds") ? d.path("etaSeconds").asLong() : null);
            } else if (event.equals("state")) {
              if (JOB_TERMINAL.contains(d.path("state").asString(""))) {
                terminal.set(true);
                return false;
              }
            }
            return System.nanoTime() < deadline;
          });
    } catch (UncheckedIOException | ApiException e) {
      // the stream broke; the job keeps running: poll below
    }
    JsonNode current = api.trainingJob(id);
    while (!JOB_TERMINAL.contains(current.path("state").asString(""))) {
      if (System.nanoTime() > deadline) {
        bar.fail("timed out");
        throw new IllegalStateException(
            "training job " + id + " did not finish within " + timeout.toSeconds() + " s");
      }
      pause(Duration.ofSeconds(1));
      current = api.trainingJob(id);
      JsonNode p = current.path("progress");
      if (p.isObject()) {
        bar.update(
            p.path("step").asLong(),
            p.path("totalSteps").asLong(),
            String.format("loss %.4f", p.path("loss").asDouble()),
            p.path("etaSeconds").asLong());
      }
    }
    String state = current.path("state").asString();
    if (state.equals("SUCCEEDED")) {
      bar.finish(
          current.path("model").asString("")
              + " v"
              + current.path("registeredVersion").asString("?")
              + (current.path("progress").isObject()
                  ? String.format(
                      ", final loss %.4f", current.path("progress").path("loss").asDouble())
                  : ""));
    } else {
      bar.fail(
          state + (current.hasNonNull("reason") ? ": " + current.path("reason").asString() : ""));
    }
    return current;
  }

  /**
   * A finished generation.
   *
   * @param text the generated text
   * @param done the {@code done} event (sources, model, usage, timings, finishReason)
   */
  public record Generation(String text, JsonNode done) {}

  /** Streams a generation to the console, then prints its sources and the model. */
  public static Generation generate(TwinApi api, Map<String, Object> request, Console console) {
    StringBuilder text = new StringBuilder();
    Consumer<String> tokens =
        t -> {
          text.append(t);
          console.print(printable(t));
        };
    JsonNode done = api.generate(request, tokens);
    console.line("");
    JsonNode sources = done.path("sources");
    if (sources.isArray() && !sources.isEmpty()) {
      console.line("Sources:");
      for (JsonNode s : sources) {
        console.line(
            "  ["
                + s.path("n").asString("?")
                + "] "
                + s.path("title").asString("")
                + " ("
                + s.path("type").asString("")
                + ", "
                + s.path("platform").asString("")
                + ") "
                + s.path("link").asString(""));
      }
    } else {
      console.line("Sources: none (retrieval found nothing or is off)");
    }
    JsonNode model = done.path("model");
    console.line(
        "Model: "
            + model.path("name").asString("?")
            + " "
            + model.path("version").asString("?")
            + ", "
            + done.path("usage").path("completionTokens").asString("?")
            + " tokens, finish "
            + done.path("finishReason").asString("?"));
    return new Generation(text.toString(), done);
  }

  /**
   * Generated text as it may go to a terminal: control characters (escape sequences included)
   * except line breaks and tabs become U+FFFD.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              boolean control = Character.getType(c) == Character.CONTROL && c != '\n' && c != '\t';
              out.appendCodePoint(control ? 0xFFFD : c);
            });
    return out.toString();
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
