package io.llmtwin.cli.stack;

import io.llmtwin.cli.api.ApiClient;
import io.llmtwin.cli.api.ApiException;
import io.llmtwin.cli.api.Service;
import io.llmtwin.cli.console.Console;
import io.llmtwin.cli.console.ProgressBar;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running stack: the devstack stand-ins (unless the environment configures real servers) and
 * the four services, each a child process with its log under {@code <home>/logs/}. Its state is
 * recorded in {@code <home>/stack.json} so that {@code ./llm-twin down} can stop a detached stack.
 */
public final class Stack implements AutoCloseable {
  /** The state file inside the home directory. */
  public static final String STATE_FILE = "stack.json";

  private static final String DEVSTACK = "devstack";
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private record Child(String name, Process process, Path log, Path jar) {}

  private final StackSpec spec;
  private final List<Child> children = new ArrayList<>();
  private Infrastructure infrastructure;
  private boolean closed;

  private Stack(StackSpec spec) {
    this.spec = spec;
  }

  /**
   * Starts everything and waits until every service answers its liveness probe.
   *
   * @throws StageFailure naming the part that failed and its log; whatever started is stopped
   */
  public static Stack start(StackSpec spec, Console console, Duration timeout) {
    Stack stack = new Stack(spec);
    try {
      stack.startAll(console, timeout);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** The log of a child ({@code devstack} or a service module name). */
  public Path log(String name) {
    return spec.log(name);
  }

  private void startAll(Console console, Duration timeout) {
    try {
      Files.createDirectories(spec.home().resolve("logs"));
    } catch (IOException e) {
      throw new StageFailure("start", "cannot create " + spec.home() + "/logs: " + e, null, e);
    }
    Map<Service, Integer> ports = new EnumMap<>(Service.class);
    for (Service s : Service.values()) {
      int port = port(spec.endpoints().url(s));
      if (!free(port)) {
        throw new StageFailure(
            "start " + s.module(),
            "port "
                + port
                + " is in use (is a stack already running? ./llm-twin status / ./llm-twin down)",
            null,
            null);
      }
      ports.put(s, port);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    Infrastructure.Configured configured = Infrastructure.Configured.from(spec.env());
    infrastructure =
        configured.all()
            ? new Infrastructure(environmentMongo(), null, 0, null, 0, false)
            : startDevstack(console, configured, deadline);

    ProgressBar bar = console.bar("services", Service.values().length, "healthy");
    for (Service s : Service.values()) {
      List<String> args = new ArrayList<>();
      args.add("--server.port=" + ports.get(s));
      args.addAll(infrastructure.serviceArguments());
      args.addAll(spec.extraArguments().getOrDefault(s, List.of()));
      launch(s.module(), spec.jars().service(s), args);
    }
    Map<Service, Boolean> up = new EnumMap<>(Service.class);
    while (up.size() < Service.values().length) {
      for (Service s : Service.values()) {
        if (up.containsKey(s)) {
          continue;
        }
        Child child = child(s.module());
        if (!child.process().isAlive()) {
          bar.fail(s.module() + " exited");
          throw new StageFailure(
              "start " + s.module(),
              s.module() + " exited with status " + child.process().exitValue() + tail(child.log()),
              child.log(),
              null);
        }
        if (live(s)) {
          up.put(s, true);
          bar.update(up.size(), Service.values().length, "up: " + names(up), null);
        }
      }
      if (up.size() < Service.values().length) {
        if (System.nanoTime() > deadline) {
          Service slow =
              List.of(Service.values()).stream().filter(s -> !up.containsKey(s)).findFirst().get();
          bar.fail("timed out");
          throw new StageFailure(
              "start " + slow.module(),
              slow.module() + " did not become healthy within " + timeout.toSeconds() + " s",
              spec.log(slow.module()),
              null);
        }
        pause(Duration.ofMillis(500));
      }
    }
    bar.finish("4 services up");
    writeState();
  }

  private Infrastructure startDevstack(
      Console console, Infrastructure.Configured configured, long deadline) {
    ProgressBar bar = console.bar("devstack", 0, "stand-ins");
    bar.update(0, 0, "starting MongoDB, AMQP and Qdrant stand-ins", null);
    Child child =
        launch(
            DEVSTACK,
            spec.jars().devstack(),
            List.of(
                "--data-dir",
                spec.home().resolve("devstack").toAbsolutePath().toString(),
                "--mongo-port",
                "0",
                "--amqp-port",
                "0",
                "--qdrant-port",
                "0"));
    Map<String, String> printed = new LinkedHashMap<>();
    while (true) {
      List<String> lines = readLines(child.log());
      for (String line : lines) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.matches("[A-Z_]+=.*")) {
          printed.put(line.substring(0, eq), line.substring(eq + 1).trim());
        }
      }
      if (lines.stream().anyMatch(l -> l.startsWith("DEVSTACK READY"))) {
        break;
      }
      if (!child.process().isAlive()) {
        bar.fail("exited");
        throw new StageFailure(
            "start devstack",
            "the devstack exited with status " + child.process().exitValue() + tail(child.log()),
            child.log(),
            null);
      }
      if (System.nanoTime() > deadline) {
        bar.fail("timed out");
        throw new StageFailure(
            "start devstack", "the devstack did not get ready in time", child.log(), null);
      }
      bar.update(0, 0, "starting MongoDB, AMQP and Qdrant stand-ins", null);
      pause(Duration.ofMillis(300));
    }
    URI mongo = URI.create(printed.getOrDefault("MONGODB_URI", ""));
    URI amqp = URI.create(printed.getOrDefault("AMQP_URI", ""));
    String[] qdrant = printed.getOrDefault("QDRANT_GRPC", ":0").split(":");
    bar.finish(
        "MongoDB :" + mongo.getPort() + ", AMQP :" + amqp.getPort() + ", Qdrant :" + qdrant[1]);
    return new Infrastructure(
        configured.mongo()
            ? environmentMongo()
            : "mongodb://" + mongo.getHost() + ":" + mongo.getPort() + "/llmtwin",
        configured.amqp() ? null : amqp.getHost(),
        amqp.getPort(),
        configured.qdrant() ? null : qdrant[0],
        Integer.parseInt(qdrant[1]),
        !configured.mongo());
  }

  /** {@code LLMTWIN_MONGODB_URI} is read by crawler-service only: pass it to every service. */
  private String environmentMongo() {
    String spring = spec.env().get("SPRING_MONGODB_URI");
    if (spring != null && !spring.isBlank()) {
      return null;
    }
    return spec.env().get("LLMTWIN_MONGODB_URI");
  }

  private Child launch(String name, Path jar, List<String> args) {
    Path log = spec.log(name);
    try {
      if (Files.exists(log)) {
        Files.move(
            log, log.resolveSibling(name + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    setsid().ifPresent(command::add);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(spec.javaOptions());
    command.add("-Dllmtwin.stack.home=" + spec.home().toAbsolutePath());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.home().toAbsolutePath().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(spec.env());
    if (spec.apiKeys() != null && !spec.apiKeys().isBlank()) {
      builder.environment().put("LLMTWIN_SECURITY_API_KEYS", spec.apiKeys());
    }
    try {
      Process process = builder.start();
      Child child = new Child(name, process, log, jar);
      children.add(child);
      return child;
    } catch (IOException e) {
      throw new StageFailure("start " + name, "cannot start " + jar + ": " + e, log, e);
    }
  }

  /**
   * Runs each child in its own session where {@code setsid} exists, so that Ctrl-C reaches only the
   * CLI, which then stops the children in order.
   */
  private static Optional<String> setsid() {
    for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private boolean live(Service s) {
    try {
      JsonNode health =
          new ApiClient(spec.endpoints().url(s), null, Duration.ofSeconds(5))
              .get("/actuator/health/liveness");
      return "UP".equals(health.path("status").asString(""));
    } catch (ApiException e) {
      return false;
    }
  }

  private Child child(String name) {
    return children.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private void writeState() {
    ObjectNode root = ApiClient.JSON.createObjectNode();
    root.put("startedAt", Instant.now().toString());
    ObjectNode urls = root.putObject("endpoints");
    for (Service s : Service.values()) {
      urls.put(s.module(), spec.endpoints().url(s).toString());
    }
    ArrayNode processes = root.putArray("processes");
    for (Child c : children) {
      ObjectNode p = processes.addObject();
      p.put("name", c.name());
      p.put("pid", c.process().pid());
      p.put("jar", c.jar().toString());
      p.put("log", c.log().toString());
    }
    try {
      Files.writeString(
          spec.home().resolve(STATE_FILE),
          ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the services, then the devstack (graceful first); data stays. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    terminate(
        children.stream()
            .filter(c -> !c.name().equals(DEVSTACK))
            .map(c -> c.process().toHandle())
            .toList());
    terminate(
        children.stream()
            .filter(c -> c.name().equals(DEVSTACK))
            .map(c -> c.process().toHandle())
            .toList());
    try {
      Files.deleteIfExists(spec.home().resolve(STATE_FILE));
    } catch (IOException e) {
      // the state file only matters while the stack runs; down ignores dead pids
    }
  }

  /**
   * Stops the processes recorded in {@code <home>/stack.json} (the ones whose command line still
   * names the recorded jar), then removes the file.
   *
   * @return names of the processes stopped
   */
  public static List<String> stopRecorded(Path home) {
    Path state = home.resolve(STATE_FILE);
    if (!Files.exists(state)) {
      return List.of();
    }
    JsonNode root;
    try {
      root = ApiClient.parse(Files.readString(state));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> names = new ArrayList<>();
    List<ProcessHandle> services = new ArrayList<>();
    List<ProcessHandle> devstack = new ArrayList<>();
    for (JsonNode p : root.path("processes")) {
      String jar = p.path("jar").asString("");
      Optional<ProcessHandle> handle =
          ProcessHandle.of(p.path("pid").asLong(-1))
              .filter(ProcessHandle::isAlive)
              .filter(
                  h ->
                      h.info().commandLine().map(c -> c.contains(jar)).orElse(true)
                          || h.info().arguments().map(a -> List.of(a).contains(jar)).orElse(false));
      if (handle.isPresent()) {
        names.add(p.path("name").asString(""));
        (DEVSTACK.equals(p.path("name").asString("")) ? devstack : services).add(handle.get());
      }
    }
    terminate(services);
    terminate(devstack);
    try {
      Files.deleteIfExists(state);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** Reads {@code <home>/stack.json}, empty when no stack was started there. */
  public static Optional<JsonNode> recorded(Path home) {
    Path state = home.resolve(STATE_FILE);
    try {
      return Files.exists(state)
          ? Optional.of(ApiClient.parse(Files.readString(state)))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void terminate(List<ProcessHandle> handles) {
    handles.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (ProcessHandle h : handles) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        h.destroyForcibly();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
      }
    }
  }

  private static String names(Map<Service, Boolean> up) {
    return String.join(
        ", ", up.keySet().stream().map(s -> s.module().replace("-service", "")).toList());
  }

  static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("0.0.0.0"))) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<String> readLines(Path log) {
    try {
      return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** The last lines of a log, for an error message. */
  public static String tail(Path log) {
    List<String> lines = readLines(log);
    if (lines.isEmpty()) {
      return "";
    }
    List<String> last = lines.subList(Math.max(0, lines.size() - 15), lines.size());
    return "\n  last lines of " + log + ":\n    " + String.join("\n    ", last);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StageFailure("start", "interrupted", null, e);
    }
  }
}
