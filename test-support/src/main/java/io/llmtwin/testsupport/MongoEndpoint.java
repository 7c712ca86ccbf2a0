package io.llmtwin.testsupport;

import java.net.URI;
import java.util.Objects;

/**
 * A MongoDB server for tests.
 *
 * @param uri connection string for the official driver ({@code mongodb://host:port...}); never
 *     carries {@code replicaSet=} for the embedded stand-in
 * @param kind where the server came from
 */
public record MongoEndpoint(String uri, InfrastructureKind kind) {

  /** Checks that the URI is a MongoDB connection string. */
  public MongoEndpoint {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(kind, "kind");
    if (!uri.startsWith("mongodb://") && !uri.startsWith("mongodb+srv://")) {
      throw new IllegalArgumentException("not a MongoDB connection string: " + uri);
    }
  }

  /**
   * The URI with {@code database} as its default database when it names none, e.g. {@code
   * mongodb://127.0.0.1:27017/llmtwin_test}; Spring Boot needs one there unless {@code
   * spring.mongodb.database} is set (which still wins).
   */
  public String uriWithDatabase(String database) {
    int hostsStart = uri.indexOf("://") + 3;
    int slash = uri.indexOf('/', hostsStart);
    int query = uri.indexOf('?', hostsStart);
    if (slash < 0 || (query >= 0 && query < slash)) {
      // no path: "mongodb://h:p" or "mongodb://h:p?opts"
      return query < 0
          ? uri + "/" + database
          : uri.substring(0, query) + "/" + database + uri.substring(query);
    }
    int pathEnd = query < 0 ? uri.length() : query;
    if (slash + 1 == pathEnd) { // "mongodb://h:p/" or "mongodb://h:p/?opts"
      return uri.substring(0, slash + 1) + database + uri.substring(pathEnd);
    }
    return uri;
  }

  /** The host of the first server in the seed list. */
  public String host() {
    return firstSeed().getHost();
  }

  /** The port of the first server in the seed list (27017 when the URI names none). */
  public int port() {
    int port = firstSeed().getPort();
    return port < 0 ? 27017 : port;
  }

  /**
   * Whether the server is the mongo-java-server stand-in, which lacks the {@code hello} command (so
   * Spring Boot's Mongo health indicator must be off), sessions and transactions.
   */
  public boolean isStandIn() {
    return kind == InfrastructureKind.EMBEDDED;
  }

  private URI firstSeed() {
    String afterScheme = uri.substring(uri.indexOf("://") + 3);
    String hosts = afterScheme.split("[/?]", 2)[0];
    hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
    return URI.create("mongodb://" + hosts.split(",", 2)[0]);
  }
}
