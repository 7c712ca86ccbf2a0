package io.llmtwin.cli.command;

import io.llmtwin.cli.api.ApiClient;
import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.api.Service;
import io.llmtwin.cli.api.TwinApi;
import io.llmtwin.cli.console.Console;
import io.llmtwin.cli.console.ProgressBar;
import io.llmtwin.cli.demo.DemoCorpus;
import io.llmtwin.cli.demo.DemoMaterials;
import io.llmtwin.cli.demo.FixtureSite;
import io.llmtwin.cli.demo.StageClock;
import io.llmtwin.cli.stack.Stack;
import io.llmtwin.cli.stack.StageFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code demo}: the whole twin on one machine with nothing but a JDK. Starts the stack, crawls the
 * bundled corpus through the real crawlers, waits for the feature store, builds a dataset,
 * fine-tunes, evaluates, promotes, waits until inference serves the new version and writes a post
 * with its sources; then stays until Ctrl-C. Writes {@code <home>/demo-result.json}.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the whole twin with zero infrastructure: stand-ins, the four services, a demo author,"
          + " crawl of a bundled corpus (local blog, LinkedIn export, git repository), feature"
          + " store, dataset, fine-tuning of a tiny from-scratch base (or LLMTWIN_BASE_MODEL),"
          + " evaluation, promotion, serving and a generated post with its sources."
    })
public final class DemoCommand implements Callable<Integer> {
  /** The line printed once everything is up and the post was written. */
  public static final String READY = "LLM Twin demo is ready";

  @Mixin CommonOptions common;

  @Option(
      names = "--steps",
      defaultValue = "30",
      description = "fine-tuning steps (${DEFAULT-VALUE})")
  int steps;

  @Option(
      names = "--exit",
      description = "stop everything and exit after the summary instead of waiting for Ctrl-C")
  boolean exit;

  @Option(
      names = "--timeout",
      defaultValue = "PT5M",
      description = "limit of each waiting stage (ISO-8601, default ${DEFAULT-VALUE})")
  Duration timeout;

  @Option(
      names = "--fixture-port",
      defaultValue = "0",
      description = "port of the demo blog (0: any)")
  int fixturePort;

  @Override
  public Integer call() throws InterruptedException {
    Console console = common.console();
    Path home = common.home();
    String author = common.authorIdOr("demo");
    String model = UpCommand.defaultModel(author);
    DemoCorpus corpus = DemoCorpus.load();
    StageClock clock = new StageClock();
    AtomicReference<Stack> stackRef = new AtomicReference<>();
    AtomicReference<FixtureSite> siteRef = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopAll(stackRef, siteRef);
              console.line("Stopped the demo stack; data kept in " + home.toAbsolutePath() + ".");
              stopped.countDown();
            },
            "llm-twin-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    ObjectNode result = ApiClient.JSON.createObjectNode();
    result.put("authorId", author);
    result.put("model", model);
    try {
      console.line(
          "LLM Twin demo: author '"
              + corpus.authorName()
              + "' (id "
              + author
              + "), state in "
              + home.toAbsolutePath());
      FixtureSite site =
          clock.run("fixture site", null, () -> startSite(corpus, home.resolve("demo")));
      siteRef.set(site);
      Path repository =
          clock.run(
              "demo materials",
              null,
              () -> DemoMaterials.repository(corpus, home.resolve("demo").resolve("tidewatch")));

      Map<Service, List<String>> extra = new EnumMap<>(Service.class);
      extra.put(
          Service.CRAWLER,
          List.of(
              // the demo blog runs on loopback and the code is a local git repository: allow
              // exactly those past the SSRF guard, for this stack only
              "--llmtwin.crawler.ssrf.allowed-hosts=127.0.0.1",
              "--llmtwin.crawler.ssrf.allowed-schemes=file",
              "--llmtwin.crawler.fetch.per-host-interval=100ms",
              "--llmtwin.crawler.browser.enabled=false",
              "--llmtwin.crawler.web.browser-fallback=false"));
      // held-out samples of the small corpus can be long (articles with retrieved context): score
      // them whole, up to the tiny model's context
      extra.put(
          Service.TRAINING, List.of("--llmtwin.training.evaluation.max-sequence-length=2048"));
      Stack stack =
          clock.run(
              "start stack",
              home.resolve("logs"),
              () -> UpCommand.start(common, author, model, extra, timeout));
      stackRef.set(stack);
      String key = KeyFile.read(home).orElseThrow().key();
      TwinApi api = new TwinApi(common.endpoints().withApiKey(key));
      Path crawlerLog = stack.log(Service.CRAWLER.module());
      Path featureLog = stack.log(Service.FEATURE.module());
      Path trainingLog = stack.log(Service.TRAINING.module());
      Path inferenceLog = stack.log(Service.INFERENCE.module());

      clock.run(
          "author",
          crawlerLog,
          () -> {
            JsonNode created =
                api.createAuthor(corpus.authorName(), Map.of("WEB", site.feed().toString()));
            console.line(
                "author: created "
                    + created.path("id").asString()
                    + " ("
                    + corpus.authorName()
                    + ")");
            result.put("authorCreated", created.path("id").asString());
            return created;
          });
      JsonNode crawl =
          clock.run(
              "crawl",
              crawlerLog,
              () -> {
                JsonNode started =
                    api.startCrawl(
                        author, List.of(site.feed().toString(), repository.toUri().toString()));
                JsonNode done = Steps.waitForCrawl(api, started, console, "crawl", timeout);
                List<String> failures = Steps.failures(done);
                failures.forEach(f -> console.line("  failed: " + f));
                if (!"DONE".equals(done.path("status").asString())) {
                  throw new IllegalStateException("crawl finished with failures: " + failures);
                }
                return done;
              });
      result.put("crawl", Steps.summary(crawl));
      JsonNode imported =
          clock.run(
              "import linkedin",
              crawlerLog,
              () -> {
                JsonNode r =
                    api.importLinkedIn("linkedin-export.zip", DemoMaterials.linkedInExport(corpus));
                console.line("import linkedin: " + Imports.describe(r));
                return r;
              });
      result.put("postsImported", imported.path("posts").asInt());
      JsonNode corpusCounts =
          clock.run(
              "feature store",
              featureLog,
              () -> Steps.waitForCorpus(api, author, corpus.documentCount(), console, timeout));
      result.set("corpus", corpusCounts);
      JsonNode dataset =
          clock.run(
              "dataset",
              trainingLog,
              () -> {
                JsonNode d = api.buildDataset(author, Map.of());
                console.line(
                    "dataset: version "
                        + d.path("version").asString()
                        + " "
                        + compact(d.path("statistics")));
                return d;
              });
      String datasetVersion = dataset.path("version").asString();
      result.put("datasetVersion", datasetVersion);
      Path base =
          clock.run(
              "base model",
              null,
              () -> {
                String configured = System.getenv("LLMTWIN_BASE_MODEL");
                if (configured != null && !configured.isBlank()) {
                  console.line("base model: " + configured + " (LLMTWIN_BASE_MODEL)");
                  return Path.of(configured).toAbsolutePath();
                }
                Path dir =
                    DemoMaterials.tinyBaseModel(
                        corpus, home.resolve("models").resolve("tiny-base"));
                console.line(
                    "base model: tiny random-weight Llama (2 layers, dim 64, vocabulary of"
                        + " the corpus) in "
                        + dir
                        + " — a toy: set LLMTWIN_BASE_MODEL for a real one");
                return dir.toAbsolutePath();
              });
      JsonNode job =
          clock.run(
              "train",
              trainingLog,
              () -> {
                Map<String, Object> hyper = new LinkedHashMap<>();
                hyper.put("maxSteps", steps);
                hyper.put("epochs", 50);
                hyper.put("batchSize", 4);
                hyper.put("learningRate", 0.01);
                hyper.put("maxSequenceLength", 512);
                JsonNode submitted =
                    api.submitTrainingJob(
                        TrainCommand.spec(author, datasetVersion, base.toString(), "lora", hyper));
                JsonNode done =
                    Steps.followTraining(api, submitted, console, timeout.multipliedBy(2));
                if (!"SUCCEEDED".equals(done.path("state").asString())) {
                  throw new IllegalStateException(
                      "training job "
                          + done.path("id").asString()
                          + " ended "
                          + done.path("state").asString()
                          + ": "
                          + done.path("reason").asString(""));
                }
                return done;
              });
      int version = job.path("registeredVersion").asInt();
      result.put("jobId", job.path("id").asString());
      result.put("jobState", job.path("state").asString());
      result.put("version", version);
      JsonNode evaluation =
          clock.run(
              "evaluate",
              trainingLog,
              () -> {
                JsonNode report = api.evaluate(model, "v" + version);
                console.line("evaluate: " + compact(report));
                return report;
              });
      result.set("evaluation", evaluation);
      JsonNode promotion =
          clock.run("promote", trainingLog, () -> promote(api, model, version, console, result));
      result.set("promotion", promotion);
      String served =
          clock.run("serving", inferenceLog, () -> waitUntilServed(api, version, console, timeout));
      result.put("servedVersion", served);
      Steps.Generation generation =
          clock.run(
              "generate",
              inferenceLog,
              () -> {
                console.line("");
                console.line("Prompt: " + corpus.prompt());
                console.line("-".repeat(60));
                Map<String, Object> request =
                    GenerateCommand.request(corpus.prompt(), corpus.platform(), 120, 0.8, 7L, true);
                return Steps.generate(api, request, console);
              });
      result.put("generatedText", generation.text());
      result.set("sources", generation.done().path("sources"));
      result.set("generationModel", generation.done().path("model"));
      writeResult(home, result);
      console.line("-".repeat(60));
      clock.print(console);
      UpCommand.printUrls(console, api.endpoints(), home);
      console.line(READY + ". Try: ./llm-twin generate \"...\"  ·  ./llm-twin status");
    } catch (StageFailure f) {
      result.put("failedStage", f.stage());
      writeResult(home, result);
      clock.print(console);
      stopAll(stackRef, siteRef);
      throw f;
    }
    if (exit) {
      stopAll(stackRef, siteRef);
      return 0;
    }
    console.line("Ctrl-C stops everything (data stays in " + home + ").");
    stopped.await();
    return 0;
  }

  /**
   * Starts the demo blog on {@code --fixture-port}, else on the port the last run used (its
   * document links stay the same, so a second demo updates instead of adding copies), else on any
   * free port; remembers the port in {@code <home>/demo/fixture-port}.
   */
  private FixtureSite startSite(DemoCorpus corpus, Path demoDir) throws IOException {
    Path remembered = demoDir.resolve("fixture-port");
    int port = fixturePort;
    if (port == 0 && Files.isRegularFile(remembered)) {
      try {
        port = Integer.parseInt(Files.readString(remembered).trim());
      } catch (NumberFormatException e) {
        port = 0;
      }
    }
    FixtureSite site;
    try {
      site = FixtureSite.start(corpus, port);
    } catch (IOException e) {
      if (fixturePort != 0) {
        throw e;
      }
      site = FixtureSite.start(corpus, 0);
    }
    Files.createDirectories(demoDir);
    Files.writeString(remembered, String.valueOf(site.base().getPort()));
    return site;
  }

  private static JsonNode promote(
      TwinApi api, String model, int version, Console console, ObjectNode result) {
    try {
      JsonNode event = api.moveAlias(model, "v" + version, "accepted", "demo", false);
      console.line("promote: " + ModelsCommand.describe(event) + " (the promotion gate passed)");
      result.put("promotionForced", false);
      return event;
    } catch (ApiException e) {
      if (!"promotion-refused".equals(e.slug())) {
        throw e;
      }
      console.line(
          "promote: the promotion gate refused v"
              + version
              + " (failed metrics "
              + compact(e.problem().path("failedMetrics"))
              + "): a tiny demo model rarely beats its base; promoting with force, reason \"demo\"");
      JsonNode event = api.moveAlias(model, "v" + version, "accepted", "demo", true);
      console.line("promote: " + ModelsCommand.describe(event));
      result.put("promotionForced", true);
      return event;
    }
  }

  /** Waits until inference-service's health reports the version as the loaded model. */
  private static String waitUntilServed(
      TwinApi api, int version, Console console, Duration timeout) {
    ProgressBar bar = console.bar("serving", 0, "checks");
    bar.update(0, 0, "waiting for inference-service to load v" + version, null);
    long deadline = System.nanoTime() + timeout.toNanos();
    int checks = 0;
    String last = "";
    while (true) {
      checks++;
      Optional<String> served = Optional.empty();
      try {
        JsonNode model = api.health(Service.INFERENCE).path("components").path("model");
        JsonNode details = model.path("details");
        last =
            String.join(
                    " ",
                    details.path("state").asString(model.path("status").asString("?")),
                    details.path("loading").asString(""),
                    details.path("version").asString(""),
                    details.path("lastError").asString(""))
                .trim();
        String v = details.path("version").asString("");
        String state = details.path("state").asString(model.path("status").asString(""));
        if (!v.isEmpty()
            && v.replaceAll("[^0-9]", "").equals(String.valueOf(version))
            && !state.matches("(?i).*(fail|error|loading|down).*")) {
          served = Optional.of(v);
        }
        String failed = details.path("failedVersion").asString("");
        if (!failed.isEmpty() && failed.replaceAll("[^0-9]", "").equals(String.valueOf(version))) {
          bar.fail("load failed");
          throw new IllegalStateException(
              "inference-service could not load v"
                  + version
                  + ": "
                  + details.path("lastError").asString("(no reason given)"));
        }
      } catch (ApiException e) {
        last = e.getMessage();
      }
      if (served.isPresent()) {
        bar.finish("inference serves " + served.get() + " (" + compact(model(api)) + ")");
        return served.get();
      }
      if (System.nanoTime() > deadline) {
        bar.fail("timed out");
        throw new IllegalStateException(
            "inference-service did not load v" + version + " in time; its model health: " + last);
      }
      bar.update(checks, 0, "model " + last, null);
      Steps.pause(Duration.ofSeconds(1));
    }
  }

  private static JsonNode model(TwinApi api) {
    try {
      return api.health(Service.INFERENCE).path("components").path("model").path("details");
    } catch (ApiException e) {
      return ApiClient.parse("{}");
    }
  }

  private static void stopAll(AtomicReference<Stack> stack, AtomicReference<FixtureSite> site) {
    Stack s = stack.getAndSet(null);
    if (s != null) {
      s.close();
    }
    FixtureSite f = site.getAndSet(null);
    if (f != null) {
      f.close();
    }
  }

  private static void writeResult(Path home, ObjectNode result) {
    try {
      Files.createDirectories(home);
      Files.writeString(
          home.resolve("demo-result.json"),
          ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      // the result file is a convenience for scripts; the console has everything
    }
  }

  private static String compact(JsonNode node) {
    String s = node.toString();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
