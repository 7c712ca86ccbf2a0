package io.llmtwin.training.job;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code llmtwin.training.jobs}.
 *
 * @param launcher {@code local} (default) or {@code kubernetes}
 * @param workDir where jobs write outputs and checkpoints (default {@code
 *     ${java.io.tmpdir}/llmtwin-training})
 * @param concurrency jobs run at once on this node (default 1)
 * @param resumeInterrupted whether jobs found interrupted at start-up are queued again (default
 *     true)
 * @param gitCommit the code's commit recorded on registered versions (e.g. from {@code GIT_COMMIT})
 */
@ConfigurationProperties("llmtwin.training.jobs")
public record JobProperties(
    String launcher, Path workDir, int concurrency, Boolean resumeInterrupted, String gitCommit) {

  /** Defaults. */
  public JobProperties {
    launcher = launcher == null || launcher.isBlank() ? "local" : launcher;
    workDir =
        workDir == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "llmtwin-training")
            : workDir;
    concurrency = concurrency <= 0 ? 1 : concurrency;
    resumeInterrupted = resumeInterrupted == null || resumeInterrupted;
    gitCommit = gitCommit == null ? "" : gitCommit;
  }
}
