package io.llmtwin.cli.command;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code crawl LINK...}: crawls links for the author and waits for the outcome. */
@Command(
    name = "crawl",
    mixinStandardHelpOptions = true,
    description = "Crawls profile, feed, article or repository links into the author's documents.")
public final class CrawlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Parameters(arity = "1..*", description = "links")
  List<String> links;

  @Option(names = "--no-wait", description = "return once the crawl is queued")
  boolean noWait;

  @Option(names = "--timeout", defaultValue = "PT10M", description = "default ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  public Integer call() {
    JsonNode crawl = common.api().startCrawl(common.authorId(), links);
    return report(common, crawl, noWait, timeout);
  }

  static int report(CommonOptions common, JsonNode crawl, boolean noWait, Duration timeout) {
    if (noWait) {
      common.console().line("crawl " + crawl.path("id").asString() + " queued");
      return 0;
    }
    JsonNode done = Steps.waitForCrawl(common.api(), crawl, common.console(), "crawl", timeout);
    Steps.failures(done).forEach(f -> common.console().line("  failed: " + f));
    return done.path("status").asString().equals("DONE") ? 0 : 1;
  }
}
