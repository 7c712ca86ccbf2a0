package io.llmtwin.cli.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code generate PROMPT}: streams the twin's answer to the terminal. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Writes in the author's voice; tokens stream as they are generated, then sources.")
public final class GenerateCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", description = "the prompt")
  String[] prompt;

  @Option(names = "--platform", description = "linkedin, medium, substack or blog")
  String platform;

  @Option(names = "--max-tokens")
  Integer maxTokens;

  @Option(names = "--temperature")
  Double temperature;

  @Option(names = "--seed")
  Long seed;

  @Option(names = "--no-rag", description = "no retrieved context")
  boolean noRag;

  @Override
  public Integer call() {
    Steps.generate(
        common.api(),
        request(String.join(" ", prompt), platform, maxTokens, temperature, seed, !noRag),
        common.console());
    return 0;
  }

  /** A {@code POST /api/v1/generate} body. */
  public static Map<String, Object> request(
      String prompt,
      String platform,
      Integer maxTokens,
      Double temperature,
      Long seed,
      boolean rag) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("prompt", prompt);
    DatasetCommand.putIf(body, "platform", platform);
    DatasetCommand.putIf(body, "maxTokens", maxTokens);
    DatasetCommand.putIf(body, "temperature", temperature);
    DatasetCommand.putIf(body, "seed", seed);
    body.put("useRag", rag);
    return body;
  }
}
