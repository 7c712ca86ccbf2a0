package io.llmtwin.cli.command;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sync}: re-crawls every known source of the author incrementally. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = "Re-crawls the author's profiles and every link crawled before (incremental).")
public final class SyncCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--no-wait", description = "return once the crawl is queued")
  boolean noWait;

  @Option(names = "--timeout", defaultValue = "PT10M", description = "default ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  public Integer call() {
    return CrawlCommand.report(common, common.api().sync(common.authorId()), noWait, timeout);
  }
}
