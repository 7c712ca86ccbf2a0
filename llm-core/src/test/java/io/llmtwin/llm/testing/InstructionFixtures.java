package io.llmtwin.llm.testing;

import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.llm.train.PromptRenderer;
import io.llmtwin.llm.train.TrainingConfig;
import io.llmtwin.llm.train.TrainingExample;
import io.llmtwin.model.prompt.InstructionSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/** A small "twin" instruction set in the tiny vocabulary, split into train and held-out parts. */
public final class InstructionFixtures {

  private static final List<String> TOPICS =
      List.of(
          "java",
          "python",
          "rust",
          "spring",
          "boot",
          "training",
          "vector",
          "search",
          "database",
          "model",
          "code",
          "data",
          "blog",
          "article",
          "post");

  private InstructionFixtures() {}

  /** All 45 samples in a seeded order. */
  public static List<InstructionSample> samples() {
    List<InstructionSample> out = new ArrayList<>();
    for (String t : TOPICS) {
      out.add(
          new InstructionSample(
              "tell me about " + t, "", "i really love " + t + " because it is simple and fast ."));
      out.add(
          new InstructionSample(
              "what do you think about " + t + " ?",
              "",
              "well , i think " + t + " is great but " + t + " can be slow ."));
      out.add(
          new InstructionSample(
              "explain " + t, "blog post", t + " is a good way to build data and code ."));
    }
    Collections.shuffle(out, new Random(5));
    return out;
  }

  /** Tokenised examples: [0] train (36), [1] held-out (9). */
  public static List<List<TrainingExample>> split(HfCheckpoint ckpt) {
    try (LlmTokenizer tok = LlmTokenizer.load(ckpt)) {
      List<TrainingExample> all =
          TrainingExample.tokenize(
              samples(),
              PromptRenderer.shared(),
              tok,
              TinyLlamaCheckpoints.BOS,
              TinyLlamaCheckpoints.EOS,
              128);
      return List.of(all.subList(0, 36), all.subList(36, all.size()));
    }
  }

  /** Trainer settings that make the tiny model learn the set in a few dozen steps. */
  public static TrainingConfig trainingConfig(int steps) {
    return new TrainingConfig(
        steps,
        8,
        1,
        1e-2,
        0.01,
        5,
        TrainingConfig.Schedule.COSINE,
        1.0,
        17,
        10,
        0,
        0,
        Optional.empty());
  }

  /** Writes the standard tiny checkpoint for training tests. */
  public static HfCheckpoint checkpoint(Path dir) {
    return TinyLlamaCheckpoints.write(dir, TinyLlamaCheckpoints.tinyConfig(), 21);
  }
}
