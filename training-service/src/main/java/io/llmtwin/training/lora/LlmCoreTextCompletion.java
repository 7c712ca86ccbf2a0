package io.llmtwin.training.lora;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.generate.Generator;
import io.llmtwin.llm.generate.SamplingOptions;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.training.basemodel.BaseModels;
import io.llmtwin.training.dataset.TextCompletion;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rejected side of DPO pairs from the base checkpoint itself: llm-core's {@link Generator} (KV
 * cache, greedy or seeded sampling) on the local Hugging Face checkpoint, stopping at its
 * end-of-sequence ids. One session loads the model once for all prompts of a dataset build.
 */
public final class LlmCoreTextCompletion implements TextCompletion {
  private final PreferenceProperties properties;
  private final BaseModels baseModels;

  /**
   * Generates as {@code properties} say, from base checkpoints {@code baseModels} allows (400
   * {@code base-model-refused} otherwise).
   */
  public LlmCoreTextCompletion(PreferenceProperties properties, BaseModels baseModels) {
    this.properties = properties;
    this.baseModels = baseModels;
  }

  @Override
  public Session open(String baseModel) {
    Path dir = checkpointDir(baseModel);
    HfCheckpoint checkpoint;
    try {
      checkpoint = HfCheckpoint.open(dir);
    } catch (RuntimeException e) {
      throw ApiProblemException.invalid(
          "baseModel " + baseModel + " cannot be opened: " + e.getMessage());
    }
    NDManager manager = NDManager.newBaseManager();
    LlmTokenizer tokenizer = null;
    try {
      LlamaModel model = LlamaModel.load(checkpoint, manager);
      tokenizer = LlmTokenizer.load(checkpoint);
      Set<Long> stop =
          checkpoint.config().eosTokenIds().stream()
              .map(Integer::longValue)
              .collect(Collectors.toSet());
      SamplingOptions options =
          new SamplingOptions(
              properties.maxNewTokens(), properties.temperature(), 1.0, stop, properties.seed());
      return new LlmCoreSession(
          new Generator(model),
          model,
          tokenizer,
          manager,
          checkpoint.config().bosTokenId(),
          options);
    } catch (RuntimeException e) {
      if (tokenizer != null) {
        tokenizer.close();
      }
      manager.close();
      throw ApiProblemException.invalid(
          "baseModel " + baseModel + " cannot be loaded: " + e.getMessage());
    }
  }

  private Path checkpointDir(String baseModel) {
    if (baseModel == null || baseModel.isBlank()) {
      throw ApiProblemException.invalid("preference pairs need a baseModel checkpoint directory");
    }
    try {
      Path dir = Path.of(baseModels.check(baseModel));
      if (!Files.isRegularFile(dir.resolve("config.json"))) {
        throw ApiProblemException.invalid(
            "baseModel "
                + baseModel
                + " has no config.json (expected a local Hugging Face checkpoint)");
      }
      return dir;
    } catch (InvalidPathException e) {
      throw ApiProblemException.invalid("baseModel is not a path: " + e.getMessage());
    }
  }

  private record LlmCoreSession(
      Generator generator,
      LlamaModel model,
      LlmTokenizer tokenizer,
      NDManager manager,
      int bos,
      SamplingOptions options)
      implements Session {

    @Override
    public String complete(String prompt) {
      return generator.generate(tokenizer, prompt, bos, options);
    }

    @Override
    public void close() {
      try (manager;
          tokenizer;
          model) {
        // closes model, tokenizer and the NDManager holding the weights, in that order
      }
    }
  }
}
