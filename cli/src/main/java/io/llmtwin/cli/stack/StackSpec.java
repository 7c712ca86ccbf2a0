package io.llmtwin.cli.stack;

import io.llmtwin.cli.api.Endpoints;
import io.llmtwin.cli.api.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link Stack#start} starts.
 *
 * @param home the state directory ({@code .llm-twin}): devstack data, logs, {@code stack.json}
 * @param jars where the runnable jars are
 * @param endpoints the services' URLs (their ports are the ports the services listen on)
 * @param apiKeys value of {@code LLMTWIN_SECURITY_API_KEYS} for the services ({@code author:key})
 * @param extraArguments additional Spring Boot arguments per service
 * @param javaOptions JVM options for every child ({@code LLMTWIN_JAVA_OPTS})
 * @param env the environment the children inherit (and that says which servers are configured)
 */
public record StackSpec(
    Path home,
    Jars jars,
    Endpoints endpoints,
    String apiKeys,
    Map<Service, List<String>> extraArguments,
    List<String> javaOptions,
    Map<String, String> env) {

  /** Log file of a child ({@code <home>/logs/<name>.log}). */
  public Path log(String name) {
    return home.toAbsolutePath().resolve("logs").resolve(name + ".log");
  }
}
