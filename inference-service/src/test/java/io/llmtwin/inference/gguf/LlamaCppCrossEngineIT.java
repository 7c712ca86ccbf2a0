package io.llmtwin.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.args.CacheType;
import io.llmtwin.inference.engine.FinishReason;
import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.GenerationResult;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cross-engine correctness: the GGUF files this converter writes, run by llama.cpp (the b4916 build
 * bundled in de.kherud:llama), against an independent double-precision Java forward pass over the
 * original Hugging Face weights.
 *
 * <p>The binding cannot return token probabilities (its JNI reads keys the bundled server no longer
 * writes, and aborts), so llama.cpp's logits are measured through greedy decisions: with a logit
 * bias {@code b} on token {@code j}, greedy decoding picks {@code j} exactly when {@code b} exceeds
 * the gap between the top logit and {@code j}'s. Bracketing every token's gap within {@code ±DELTA}
 * of the reference gap bounds every probability ratio, hence every top-5 probability, to within a
 * factor {@code exp(2·DELTA)}.
 */
class LlamaCppCrossEngineIT {

  private static final double DELTA = 2e-4;
  private static final String PROMPT = "the cat sat on";

  @TempDir static Path tmp;
  static TinyLlama model;
  static ReferenceLlama reference;

  @BeforeAll
  static void createModel() {
    model = new TinyLlama(42);
    reference = ReferenceLlama.of(model);
  }

  private static List<Integer> promptTokens(LlamaModel llama) {
    List<Integer> tokens = new ArrayList<>();
    tokens.add(1); // llama.cpp prepends BOS (tokenizer.ggml.add_bos_token)
    Arrays.stream(llama.encode(PROMPT)).forEach(tokens::add);
    return tokens;
  }

  private static String nextPiece(
      LlamaModel llama, Map<Integer, Float> bias, List<Integer> banned) {
    // one logit_bias list: the binding's disableTokenIds would replace the biases
    Map<Integer, Float> all = new java.util.HashMap<>(bias);
    banned.forEach(id -> all.put(id, -1000f));
    unobservable().forEach(id -> all.put(id, -1000f));
    InferenceParameters p =
        new InferenceParameters(PROMPT)
            .setNPredict(1)
            .setTemperature(0)
            .setCachePrompt(true)
            .setTokenIdBias(all);
    return llama.complete(p);
  }

  /**
   * Byte tokens above 0x7F are fragments of UTF-8 sequences: llama.cpp holds them back, so they
   * cannot be observed as a one-token completion. Every probe bans them, which leaves the ordering
   * of all other tokens as it is.
   */
  private static List<Integer> unobservable() {
    List<Integer> ids = new ArrayList<>();
    for (int id = 0; id < TinyLlama.VOCAB; id++) {
      if (model.piece(id) == null) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void f32NextTokenDistributionMatchesTheReferenceForwardPass() throws Exception {
    Path gguf = model.toGguf(tmp.resolve("probs"), GgufFileType.F32);
    try (LlamaModel llama =
        new LlamaModel(
            new ModelParameters()
                .setModel(gguf.toString())
                .setThreads(2)
                .setParallel(1)
                .setCtxSize(256)
                // keep the KV cache in F32 too: the default F16 cache rounds keys and values
                .setCacheTypeK(CacheType.F32)
                .setCacheTypeV(CacheType.F32)
                .skipWarmup())) {
      double[] logits = reference.nextLogits(promptTokens(llama));
      unobservable().forEach(id -> logits[id] = Double.NEGATIVE_INFINITY);
      int top = argmax(logits);
      assertThat(top).as("test premise: the top token is a normal piece").isGreaterThan(3);
      assertThat(nextPiece(llama, Map.of(), List.of())).isEqualTo(model.piece(top));

      double[] probs = ReferenceLlama.softmax(logits);
      Integer[] order = new Integer[logits.length];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
      assertThat(probs[order[0]] - probs[order[4]])
          .as("test premise: a peaked distribution (896 tokens), so 1e-3 means something")
          .isGreaterThan(0.02);

      for (int j = 0; j < logits.length; j++) {
        if (j == top) {
          continue;
        }
        double gap = logits[top] - logits[j];
        if (gap > 20) {
          continue; // probability below 2e-9 of the top token's: irrelevant
        }
        String expected = model.piece(j);
        // <unk>, <s>, </s> and <pad> all print as nothing: ban the others so "" identifies j
        List<Integer> banned = new ArrayList<>(List.of(0, 1, 2, 3));
        banned.remove(Integer.valueOf(j));
        if (j > 3) {
          banned.clear();
        }
        String below = nextPiece(llama, Map.of(j, (float) (gap - DELTA)), banned);
        String above = nextPiece(llama, Map.of(j, (float) (gap + DELTA)), banned);
        assertThat(below)
            .as("token %d loses with bias gap-%s", j, DELTA)
            .isEqualTo(model.piece(top));
        assertThat(above).as("token %d wins with bias gap+%s", j, DELTA).isEqualTo(expected);
      }
      // every log-probability difference is within ±DELTA, so each probability is within
      // a factor exp(2·DELTA) of the reference: for p <= 1 that is an absolute error < 1e-3
      assertThat(Math.expm1(2 * DELTA)).isLessThan(1e-3);
    }
  }

  @Test
  void f32GreedyContinuationOf32TokensMatchesTheReferenceForwardPass() throws Exception {
    Path gguf = model.toGguf(tmp.resolve("greedy"), GgufFileType.F32);
    try (LlamaCppTextGenerator generator =
        new LlamaCppTextGenerator(
            LlamaCppOptions.forModel(gguf).withSlots(1, 1).withContextPerSlot(256))) {
      List<Integer> prompt = new ArrayList<>();
      prompt.add(1);
      Arrays.stream(generator.tokenize(PROMPT)).forEach(prompt::add);
      List<Integer> expected = reference.greedy(prompt, 32, 2);
      String text = model.text(expected);

      GenerationResult result = generator.complete(GenerationRequest.greedy(PROMPT, 32));

      assertThat(result.text()).isEqualTo(text);
      // the engine counts streamed pieces, and llama.cpp streams the byte tokens of one UTF-8
      // character as one piece: the count is the token count only when every token prints alone
      if (expected.stream().allMatch(t -> model.piece(t) != null)) {
        assertThat(result.tokens()).isEqualTo(expected.size());
        assertThat(result.finishReason())
            .isEqualTo(
                expected.size() == 32 ? FinishReason.MAX_TOKENS : FinishReason.END_OF_SEQUENCE);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(GgufFileType.class)
  void everyFileTypeLoadsAndGenerates(GgufFileType type) throws Exception {
    Path gguf = model.toGguf(tmp.resolve("type-" + type), type);
    try (LlamaCppTextGenerator generator =
        new LlamaCppTextGenerator(
            LlamaCppOptions.forModel(gguf).withSlots(1, 1).withContextPerSlot(256))) {
      GenerationResult result = generator.complete(GenerationRequest.greedy(PROMPT, 16));
      assertThat(result.tokens()).isPositive();
      assertThat(result.finishReason()).isIn(FinishReason.MAX_TOKENS, FinishReason.END_OF_SEQUENCE);
      assertThat(result.text()).isNotEmpty();
    }
  }

  private static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
