package io.llmtwin.training.evaluation;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.generate.Generator;
import io.llmtwin.llm.generate.SamplingOptions;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.train.PromptRenderer;
import io.llmtwin.llm.train.Trainer;
import io.llmtwin.llm.train.TrainingExample;
import io.llmtwin.model.prompt.InstructionSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Scores a Hugging Face Llama checkpoint on held-out samples with llm-core: the mean loss per
 * response token of the author's real responses (prompt tokens carry no loss, as in training) and
 * greedy generations for the instructions, both with the shared prompt template.
 */
final class CheckpointScorer {
  private final EvaluationProperties properties;

  CheckpointScorer(EvaluationProperties properties) {
    this.properties = properties;
  }

  /**
   * What one checkpoint did on the test samples.
   *
   * @param loss mean cross-entropy per response token
   * @param scoredSamples samples that fitted in the sequence length and were scored
   * @param generations one generated answer per test sample
   */
  record Scores(double loss, int scoredSamples, List<String> generations) {}

  Scores score(Path checkpointDir, List<InstructionSample> samples) {
    if (!Files.isRegularFile(checkpointDir.resolve("config.json"))) {
      throw new EvaluationException(
          "no Hugging Face checkpoint (config.json) at " + checkpointDir, null);
    }
    HfCheckpoint checkpoint = HfCheckpoint.open(checkpointDir);
    long bos = checkpoint.config().bosTokenId();
    List<Integer> eosIds = checkpoint.config().eosTokenIds();
    Set<Long> stop = new HashSet<>();
    eosIds.forEach(id -> stop.add((long) id));
    try (LlmTokenizer tokenizer = LlmTokenizer.load(checkpoint);
        NDManager manager = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(checkpoint, manager)) {
      List<TrainingExample> examples =
          TrainingExample.tokenize(
              samples,
              PromptRenderer.shared(),
              tokenizer,
              bos,
              eosIds.isEmpty() ? -1 : eosIds.get(0),
              properties.maxSequenceLength());
      if (examples.isEmpty()) {
        throw new EvaluationException(
            "no test sample fits in "
                + properties.maxSequenceLength()
                + " tokens (llmtwin.training.evaluation.max-sequence-length)",
            null);
      }
      double loss = Trainer.evaluate(model, examples, properties.batchSize());
      Generator generator = new Generator(model);
      SamplingOptions greedy = SamplingOptions.greedy(properties.maxNewTokens(), stop);
      int promptBudget = Math.max(1, properties.maxSequenceLength() - properties.maxNewTokens());
      List<String> generations = new ArrayList<>();
      for (InstructionSample s : samples) {
        long[] prompt = prompt(tokenizer, PromptRenderer.shared().render(s).prompt(), bos);
        if (prompt.length > promptBudget) {
          long[] tail = Arrays.copyOfRange(prompt, prompt.length - promptBudget, prompt.length);
          if (bos >= 0) {
            tail[0] = bos;
          }
          prompt = tail;
        }
        generations.add(tokenizer.decode(generator.generate(prompt, greedy)).trim());
      }
      return new Scores(loss, examples.size(), generations);
    } catch (EvaluationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EvaluationException(
          "cannot score checkpoint " + checkpointDir.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static long[] prompt(LlmTokenizer tokenizer, String text, long bos) {
    long[] ids = tokenizer.encode(text);
    if (bos < 0) {
      return ids.length == 0 ? new long[] {0} : ids;
    }
    long[] out = new long[ids.length + 1];
    out[0] = bos;
    System.arraycopy(ids, 0, out, 1, ids.length);
    return out;
  }
}
