package io.llmtwin.devstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link DevStack} starts, from command-line flags first, then environment variables, then
 * defaults.
 *
 * @param mongoPort MongoDB wire-protocol port ({@code --mongo-port}, {@code
 *     LLMTWIN_DEVSTACK_MONGO_PORT}, default 27017)
 * @param amqpPort AMQP 0-9-1 port ({@code --amqp-port}, {@code LLMTWIN_DEVSTACK_AMQP_PORT}, default
 *     5673 so it does not collide with a local RabbitMQ on 5672)
 * @param qdrantPort Qdrant gRPC port ({@code --qdrant-port}, {@code LLMTWIN_DEVSTACK_QDRANT_PORT},
 *     default 6334)
 * @param dataDirectory where MongoDB and Qdrant data survive restarts ({@code --data-dir}, {@code
 *     LLMTWIN_DEVSTACK_DATA_DIR}); empty keeps everything in memory
 * @param qdrant false with {@code --no-qdrant}
 * @param help true with {@code --help}
 */
record DevStackOptions(
    int mongoPort,
    int amqpPort,
    int qdrantPort,
    Optional<Path> dataDirectory,
    boolean qdrant,
    boolean help) {

  static final int DEFAULT_MONGO_PORT = 27017;
  static final int DEFAULT_AMQP_PORT = 5673;
  static final int DEFAULT_QDRANT_PORT = 6334;

  static final String USAGE =
      """
      Usage: java -jar devstack.jar [options]
        --mongo-port <port>    MongoDB port      (env LLMTWIN_DEVSTACK_MONGO_PORT, default 27017)
        --amqp-port <port>     AMQP 0-9-1 port   (env LLMTWIN_DEVSTACK_AMQP_PORT, default 5673)
        --qdrant-port <port>   Qdrant gRPC port  (env LLMTWIN_DEVSTACK_QDRANT_PORT, default 6334)
        --data-dir <dir>       keep MongoDB and Qdrant data in <dir> across restarts
                               (env LLMTWIN_DEVSTACK_DATA_DIR; default: in memory)
        --no-qdrant            do not start the Qdrant stand-in
        --help                 print this text
      Port 0 picks a free port. Ctrl-C stops everything.
      """;

  /**
   * Reads flags ({@code --name value} or {@code --name=value}) over environment variables over
   * defaults.
   *
   * @throws IllegalArgumentException on an unknown flag, a missing value or a bad port
   */
  static DevStackOptions parse(String[] args, Map<String, String> env) {
    String mongo = env.get("LLMTWIN_DEVSTACK_MONGO_PORT");
    String amqp = env.get("LLMTWIN_DEVSTACK_AMQP_PORT");
    String qdrantPort = env.get("LLMTWIN_DEVSTACK_QDRANT_PORT");
    String dataDir = env.get("LLMTWIN_DEVSTACK_DATA_DIR");
    boolean qdrant = true;
    boolean help = false;

    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      switch (name) {
        case "--no-qdrant" -> qdrant = false;
        case "--help", "-h" -> help = true;
        case "--mongo-port", "--amqp-port", "--qdrant-port", "--data-dir" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(name + " needs a value");
            }
            value = args[++i];
          }
          switch (name) {
            case "--mongo-port" -> mongo = value;
            case "--amqp-port" -> amqp = value;
            case "--qdrant-port" -> qdrantPort = value;
            default -> dataDir = value;
          }
        }
        default -> throw new IllegalArgumentException("unknown option: " + arg);
      }
    }
    return new DevStackOptions(
        port(mongo, DEFAULT_MONGO_PORT, "MongoDB"),
        port(amqp, DEFAULT_AMQP_PORT, "AMQP"),
        port(qdrantPort, DEFAULT_QDRANT_PORT, "Qdrant"),
        dataDir == null || dataDir.isBlank() ? Optional.empty() : Optional.of(Path.of(dataDir)),
        qdrant,
        help);
  }

  private static int port(String value, int fallback, String what) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    int port;
    try {
      port = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " port is not a number: " + value, e);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(what + " port out of range: " + value);
    }
    return port;
  }
}
