package io.llmtwin.cli.command;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** {@code train}: submits a fine-tuning job and follows it with a progress bar. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Fine-tunes the author's twin (registers twin-<author> and moves alias candidate to it);"
            + " follows the job: step, loss, ETA.")
public final class TrainCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--base-model",
      defaultValue = "${LLMTWIN_BASE_MODEL}",
      required = true,
      description =
          "base checkpoint directory on the training-service host, sent as given (env"
              + " LLMTWIN_BASE_MODEL); in Kubernetes /models/<model>")
  String baseModel;

  @Option(names = "--dataset-version", description = "existing dataset (default: build one)")
  String datasetVersion;

  @Option(names = "--method", defaultValue = "lora", description = "lora or qlora")
  String method;

  @Option(names = "--max-steps", description = "cap on optimizer steps")
  Integer maxSteps;

  @Option(names = "--epochs")
  Integer epochs;

  @Option(names = "--batch-size")
  Integer batchSize;

  @Option(names = "--learning-rate")
  Double learningRate;

  @Option(names = "--max-sequence-length")
  Integer maxSequenceLength;

  @Option(names = "--no-follow", description = "return once the job is queued")
  boolean noFollow;

  @Option(names = "--timeout", defaultValue = "PT2H", description = "default ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  public Integer call() {
    Map<String, Object> hyper = new LinkedHashMap<>();
    DatasetCommand.putIf(hyper, "maxSteps", maxSteps);
    DatasetCommand.putIf(hyper, "epochs", epochs);
    DatasetCommand.putIf(hyper, "batchSize", batchSize);
    DatasetCommand.putIf(hyper, "learningRate", learningRate);
    DatasetCommand.putIf(hyper, "maxSequenceLength", maxSequenceLength);
    Map<String, Object> spec =
        // a path on the training-service host: not resolved against this machine's directory
        spec(common.authorId(), datasetVersion, baseModel, method, hyper);
    JsonNode job = common.api().submitTrainingJob(spec);
    common.console().line("training job " + job.path("id").asString() + " submitted");
    if (noFollow) {
      return 0;
    }
    JsonNode done = Steps.followTraining(common.api(), job, common.console(), timeout);
    return done.path("state").asString().equals("SUCCEEDED") ? 0 : 1;
  }

  /** A {@code TrainingJobSpec} body. */
  public static Map<String, Object> spec(
      String authorId,
      String datasetVersion,
      String baseModel,
      String method,
      Map<String, Object> hyperparameters) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("authorId", authorId);
    if (datasetVersion != null) {
      spec.put("datasetVersion", datasetVersion);
    }
    spec.put("baseModel", baseModel);
    spec.put("method", method);
    spec.put("hyperparameters", hyperparameters);
    return spec;
  }
}
