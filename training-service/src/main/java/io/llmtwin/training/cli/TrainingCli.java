package io.llmtwin.training.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.training.TrainingApplication;
import io.llmtwin.training.dataset.DatasetBuilder;
import io.llmtwin.training.job.ProgressListener;
import io.llmtwin.training.job.TrainingJobSpec;
import io.llmtwin.training.job.TrainingPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs one training job from a JSON spec file ({@link TrainingJobSpec}) without the web server:
 * {@code java -Dloader.main=io.llmtwin.training.cli.TrainingCli -cp training-service.jar
 * org.springframework.boot.loader.launch.PropertiesLauncher --spec=job.json [--job-id=…]}. Used by
 * the Kubernetes Job and in CI. Exit code 0 on success, 1 on failure, 2 on bad arguments.
 *
 * <p>{@code evaluate}, {@code promote} and {@code rollback} as first argument run the model
 * subcommands instead (see {@link ModelCommands}; exit code 3 when the promotion gate refuses).
 */
public final class TrainingCli {

  private TrainingCli() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs and returns the exit code. */
  public static int run(String[] args) {
    if (args.length > 0 && ModelCommands.NAMES.contains(args[0])) {
      return ModelCommands.run(args, System.out, System.err);
    }
    String specFile = option(args, "--spec=");
    if (specFile == null) {
      System.err.println("usage: TrainingCli --spec=<job.json> [--job-id=<id>]");
      return 2;
    }
    String jobId = option(args, "--job-id=");
    if (jobId == null) {
      jobId = "cli-" + UUID.randomUUID().toString().substring(0, 12);
    }
    TrainingJobSpec spec;
    try {
      spec =
          JsonMapper.builder()
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .build()
              .readValue(Files.readString(Path.of(specFile)), TrainingJobSpec.class);
    } catch (IOException e) {
      System.err.println("cannot read spec " + specFile + ": " + e.getMessage());
      return 2;
    }
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TrainingApplication.class)
            .web(WebApplicationType.NONE)
            .properties("llmtwin.training.jobs.launcher=local")
            .run(args)) {
      TrainingJobSpec resolved =
          spec.datasetVersion() != null
              ? spec
              : spec.withDatasetVersion(
                  context
                      .getBean(DatasetBuilder.class)
                      .build(spec.authorId(), spec.datasetConfig())
                      .version());
      String id = jobId;
      ProgressListener progress =
          p ->
              System.out.printf(
                  "job %s step %d/%d loss %.4f %.1f tokens/s eta %ds%n",
                  id, p.step(), p.totalSteps(), p.loss(), p.tokensPerSecond(), p.etaSeconds());
      ModelVersion version =
          context.getBean(TrainingPipeline.class).run(jobId, resolved, null, progress, () -> false);
      System.out.println("registered " + version.model() + " " + version.name() + " as candidate");
      return 0;
    } catch (RuntimeException e) {
      System.err.println("training job " + jobId + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static String option(String[] args, String prefix) {
    for (String a : args) {
      if (a.startsWith(prefix)) {
        return a.substring(prefix.length());
      }
    }
    return null;
  }
}
