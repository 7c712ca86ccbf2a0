package io.llmtwin.cli.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code dataset build|show}. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Instruction datasets built from the author's feature-store documents.",
    subcommands = {DatasetCommand.Build.class, DatasetCommand.Show.class})
public final class DatasetCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** {@code dataset build}. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = "Builds a dataset version.")
  static final class Build implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--types", split = ",", description = "article,post,code (default all)")
    List<String> types;

    @Option(names = "--test-share", description = "held-out share (default 0.1)")
    Double testShare;

    @Option(names = "--rag-share", description = "share of samples with retrieved context (0.2)")
    Double ragShare;

    @Option(names = "--seed", description = "split seed (42)")
    Long seed;

    @Override
    public Integer call() {
      Map<String, Object> config = new LinkedHashMap<>();
      putIf(config, "types", types);
      putIf(config, "testShare", testShare);
      putIf(config, "ragShare", ragShare);
      putIf(config, "seed", seed);
      JsonNode dataset = common.api().buildDataset(common.authorId(), config);
      common
          .console()
          .line(
              "dataset " + dataset.path("version").asString() + ": " + dataset.path("statistics"));
      return 0;
    }
  }

  /** {@code dataset show VERSION}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a dataset version.")
  static final class Show implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0")
    String version;

    @Override
    public Integer call() {
      common
          .console()
          .line(
              common.api().endpoints().training()
                  + ": "
                  + common
                      .api()
                      .client(io.llmtwin.cli.api.Service.TRAINING)
                      .get("/api/v1/datasets/" + version)
                      .toPrettyString());
      return 0;
    }
  }

  static void putIf(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
