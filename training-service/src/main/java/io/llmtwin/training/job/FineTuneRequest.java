package io.llmtwin.training.job;

import io.llmtwin.model.prompt.InstructionSample;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link FineTuner} trains.
 *
 * @param jobId the training job
 * @param baseModel base checkpoint directory (Hugging Face layout: config.json, tokenizer.json,
 *     *.safetensors)
 * @param method LoRA or QLoRA
 * @param hyperparameters validated hyperparameters with defaults applied
 * @param train training samples
 * @param test held-out samples for evaluation loss
 * @param outputDir where to write {@code adapter/}, {@code merged/} and checkpoints
 * @param resumeFrom checkpoint to resume from, or {@code null}
 */
public record FineTuneRequest(
    String jobId,
    Path baseModel,
    FineTuningMethod method,
    Hyperparameters hyperparameters,
    List<InstructionSample> train,
    List<InstructionSample> test,
    Path outputDir,
    Path resumeFrom) {}
