package io.llmtwin.cli.command;

import io.llmtwin.cli.api.Endpoints;
import io.llmtwin.cli.api.TwinApi;
import io.llmtwin.cli.console.Console;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options every command takes; each falls back to an environment variable, then a default. The API
 * key and author id also fall back to {@code <home>/api-key} written by {@code up} and {@code
 * demo}.
 */
public class CommonOptions {
  @Option(
      names = "--home",
      defaultValue = "${LLMTWIN_HOME:-.llm-twin}",
      description =
          "state directory: data, logs, api-key (env LLMTWIN_HOME, default ${DEFAULT-VALUE})")
  Path home;

  @Option(
      names = "--crawler-url",
      defaultValue = "${LLMTWIN_CRAWLER_URL:-http://localhost:8081}",
      description = "crawler-service (env LLMTWIN_CRAWLER_URL, default ${DEFAULT-VALUE})")
  URI crawlerUrl;

  @Option(
      names = "--feature-url",
      defaultValue = "${LLMTWIN_FEATURE_URL:-http://localhost:8082}",
      description = "feature-service (env LLMTWIN_FEATURE_URL, default ${DEFAULT-VALUE})")
  URI featureUrl;

  @Option(
      names = "--training-url",
      defaultValue = "${LLMTWIN_TRAINING_URL:-http://localhost:8083}",
      description = "training-service (env LLMTWIN_TRAINING_URL, default ${DEFAULT-VALUE})")
  URI trainingUrl;

  @Option(
      names = "--inference-url",
      defaultValue = "${LLMTWIN_INFERENCE_URL:-http://localhost:8084}",
      description = "inference-service (env LLMTWIN_INFERENCE_URL, default ${DEFAULT-VALUE})")
  URI inferenceUrl;

  @Option(
      names = "--api-key",
      defaultValue = "${LLMTWIN_API_KEY}",
      description = "API key (env LLMTWIN_API_KEY, else the one in <home>/api-key)")
  String apiKey;

  @Option(
      names = "--author-id",
      defaultValue = "${LLMTWIN_AUTHOR_ID}",
      description = "author to act for (env LLMTWIN_AUTHOR_ID, else the one in <home>/api-key)")
  String authorId;

  @Option(
      names = "--headless",
      defaultValue = "${LLMTWIN_HEADLESS:-false}",
      description = "plain lines instead of progress bars (also without a terminal)")
  boolean headless;

  private Console console;

  /** The console (progress bars only on a terminal and when not headless). */
  public Console console() {
    if (console == null) {
      console = Console.system(headless);
    }
    return console;
  }

  /** The state directory. */
  public Path home() {
    return home;
  }

  /** The URLs and the key to send. */
  public Endpoints endpoints() {
    String key =
        apiKey != null && !apiKey.isBlank()
            ? apiKey
            : KeyFile.read(home).map(KeyFile::key).orElse(null);
    return new Endpoints(crawlerUrl, featureUrl, trainingUrl, inferenceUrl, key);
  }

  /** A client over {@link #endpoints()}. */
  public TwinApi api() {
    return new TwinApi(endpoints());
  }

  /** The author to act for, or an error telling how to name one. */
  public String authorId() {
    if (authorId != null && !authorId.isBlank()) {
      return authorId;
    }
    return KeyFile.read(home)
        .map(KeyFile::authorId)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no author: pass --author-id (or LLMTWIN_AUTHOR_ID), or start the stack with"
                        + " ./llm-twin up"));
  }

  /** The author given explicitly, or {@code fallback}. */
  String authorIdOr(String fallback) {
    return authorId != null && !authorId.isBlank() ? authorId : fallback;
  }
}
