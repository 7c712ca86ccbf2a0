package io.llmtwin.cli.command;

import io.llmtwin.cli.api.Endpoints;
import io.llmtwin.cli.api.Service;
import io.llmtwin.cli.console.Console;
import io.llmtwin.cli.stack.Jars;
import io.llmtwin.cli.stack.Stack;
import io.llmtwin.cli.stack.StackSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code up}: starts the devstack stand-ins (unless configured) and the four services. */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts MongoDB, AMQP and Qdrant stand-ins (data under <home>/devstack) unless the environment"
          + " names real servers (SPRING_MONGODB_URI or LLMTWIN_MONGODB_URI, SPRING_RABBITMQ_HOST,"
          + " LLMTWIN_QDRANT_HOST), then the four services on the ports of their URLs; logs in"
          + " <home>/logs. Returns once every service is healthy (the stack keeps running; stop it"
          + " with ./llm-twin down) unless --foreground."
    })
public final class UpCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--serve-model",
      description =
          "registry model inference-service serves (alias accepted), default twin-<author-id>")
  String serveModel;

  @Option(names = "--foreground", description = "stay until Ctrl-C, then stop everything")
  boolean foreground;

  @Option(
      names = "--timeout",
      defaultValue = "PT5M",
      description = "how long the services may take to start (ISO-8601, default ${DEFAULT-VALUE})")
  Duration timeout;

  @Override
  public Integer call() throws InterruptedException {
    // after the demo, up serves the demo's author (and its twin) unless told otherwise
    String author =
        common.authorIdOr(KeyFile.read(common.home()).map(KeyFile::authorId).orElse("me"));
    Stack stack = start(common, author, serveModel, Map.of(), timeout);
    printUrls(common.console(), common.endpoints(), common.home());
    if (foreground) {
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stack.close();
                    stopped.countDown();
                  },
                  "llm-twin-stop"));
      common
          .console()
          .line("Running; Ctrl-C stops everything (data stays in " + common.home() + ").");
      stopped.await();
    } else {
      common.console().line("Running in the background; stop with ./llm-twin down");
    }
    return 0;
  }

  /**
   * Starts the stack for {@code author} (its key goes to {@code <home>/api-key} and to the
   * services).
   */
  static Stack start(
      CommonOptions common,
      String author,
      String serveModel,
      Map<Service, List<String>> extra,
      Duration timeout) {
    Path home = common.home();
    KeyFile key = KeyFile.forAuthor(home, author);
    Map<String, String> env = System.getenv();
    String keys = env.getOrDefault("LLMTWIN_SECURITY_API_KEYS", "");
    keys = keys.isBlank() ? key.asServiceSetting() : keys + "," + key.asServiceSetting();
    Map<Service, List<String>> arguments = new EnumMap<>(Service.class);
    for (Service s : Service.values()) {
      arguments.put(s, new ArrayList<>(extra.getOrDefault(s, List.of())));
    }
    String model = serveModel != null && !serveModel.isBlank() ? serveModel : defaultModel(author);
    if (!env.containsKey("LLMTWIN_INFERENCE_REGISTRY_MODEL")) {
      arguments.get(Service.INFERENCE).add("--llmtwin.inference.registry.model=" + model);
    }
    arguments.get(Service.INFERENCE).add("--llmtwin.retrieval.enabled=true");
    if (!env.containsKey("LLMTWIN_INFERENCE_REGISTRY_CACHEDIR")
        && !env.containsKey("LLMTWIN_INFERENCE_REGISTRY_CACHE_DIR")) {
      // converted GGUF files belong to this stack's registry: a shared temp directory would serve
      // another stack's twin-demo v1
      arguments
          .get(Service.INFERENCE)
          .add(
              "--llmtwin.inference.registry.cache-dir="
                  + home.toAbsolutePath().resolve("inference").resolve("models"));
    }
    StackSpec spec =
        new StackSpec(
            home,
            new Jars(repositoryRoot()),
            common.endpoints().withApiKey(key.key()),
            keys,
            arguments,
            javaOptions(env),
            env);
    return Stack.start(spec, common.console(), timeout);
  }

  /** The checkout the jars are in: {@code LLMTWIN_REPO} (set by ./llm-twin), else the cwd. */
  static Path repositoryRoot() {
    String repo = System.getenv("LLMTWIN_REPO");
    return Path.of(repo == null || repo.isBlank() ? "." : repo);
  }

  private static List<String> javaOptions(Map<String, String> env) {
    String opts = env.get("LLMTWIN_JAVA_OPTS");
    if (opts != null && !opts.isBlank()) {
      return Arrays.asList(opts.trim().split("\\s+"));
    }
    // small heaps and a quick start: the heavy work of training and inference is native
    return List.of(
        "-Xmx1g",
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-XX:+ExitOnOutOfMemoryError",
        "-Dai.djl.offline=true",
        "-Djava.awt.headless=true");
  }

  /** Prints where everything answers. */
  static void printUrls(Console console, Endpoints e, Path home) {
    console.line("");
    console.line("  web page      " + e.inference() + "/");
    console.line("  OpenAPI       " + e.crawler() + "/swagger-ui.html  (crawler)");
    console.line("                " + e.training() + "/swagger-ui.html  (training)");
    console.line("                " + e.inference() + "/swagger-ui.html  (inference)");
    console.line(
        "  metrics       "
            + e.crawler()
            + "/actuator/prometheus, "
            + e.feature()
            + "/actuator/prometheus,");
    console.line(
        "                "
            + e.training()
            + "/actuator/prometheus, "
            + e.inference()
            + "/actuator/prometheus");
    console.line("  health        " + e.inference() + "/actuator/health");
    console.line("  API key       in " + home.resolve(KeyFile.FILE) + " (header X-API-Key)");
    console.line("  logs          " + home.resolve("logs"));
    console.line("");
  }

  /**
   * The registry model a training job of {@code author} writes by default: training-service's
   * {@code TrainingJobSpec.modelName()} / {@code ModelOwnership} rule.
   */
  static String defaultModel(String author) {
    return "twin-" + author.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
