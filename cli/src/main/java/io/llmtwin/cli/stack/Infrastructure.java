package io.llmtwin.cli.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where MongoDB, the AMQP broker and Qdrant are: configured in the environment (the same variables
 * the services read) or provided by the devstack stand-ins.
 *
 * @param mongoUri MongoDB URI given to every service, null when the environment configures it
 * @param amqpHost AMQP host, null when the environment configures it ({@code SPRING_RABBITMQ_HOST})
 * @param amqpPort AMQP port
 * @param qdrantHost Qdrant gRPC host, null when the environment configures it ({@code
 *     LLMTWIN_QDRANT_HOST})
 * @param qdrantPort Qdrant gRPC port
 * @param standIns whether the values come from the devstack (MongoDB stand-in: no {@code hello})
 */
public record Infrastructure(
    String mongoUri,
    String amqpHost,
    int amqpPort,
    String qdrantHost,
    int qdrantPort,
    boolean standIns) {

  /** Which servers the environment names; the devstack provides the rest. */
  public record Configured(boolean mongo, boolean amqp, boolean qdrant) {
    /** Reads the variables the services read. */
    public static Configured from(Map<String, String> env) {
      return new Configured(
          present(env, "SPRING_MONGODB_URI") || present(env, "LLMTWIN_MONGODB_URI"),
          present(env, "SPRING_RABBITMQ_HOST"),
          present(env, "LLMTWIN_QDRANT_HOST"));
    }

    /** Whether every server is configured (no devstack needed). */
    public boolean all() {
      return mongo && amqp && qdrant;
    }

    private static boolean present(Map<String, String> env, String name) {
      String v = env.get(name);
      return v != null && !v.isBlank();
    }
  }

  /** Spring Boot command-line arguments for a service. */
  public List<String> serviceArguments() {
    List<String> args = new ArrayList<>();
    if (mongoUri != null) {
      args.add("--spring.mongodb.uri=" + mongoUri);
    }
    if (standIns && mongoUri != null) {
      args.add("--management.health.mongodb.enabled=false");
    }
    if (amqpHost != null) {
      args.add("--spring.rabbitmq.host=" + amqpHost);
      args.add("--spring.rabbitmq.port=" + amqpPort);
      args.add("--spring.rabbitmq.username=guest");
      args.add("--spring.rabbitmq.password=guest");
    }
    if (qdrantHost != null) {
      args.add("--llmtwin.qdrant.host=" + qdrantHost);
      args.add("--llmtwin.qdrant.port=" + qdrantPort);
    }
    return args;
  }
}
