package io.llmtwin.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Held-out loss through llama.cpp for F32, Q8_0 and Q4_0 files of the same tiny model.
 *
 * <p>llama.cpp's logits come from embedding mode ({@link EmbeddingLogits}): everything up to the
 * last projection is llama.cpp's computation on our file.
 */
class HeldOutLossIT {

  private static final String HELD_OUT =
      "the dog runs over the hill and the cat sits on a mat while rain falls";

  @TempDir Path tmp;

  @Test
  void q8LossStaysWithinOnePercentOfF32AndF32MatchesTheReference() throws Exception {
    TinyLlama model = new TinyLlama(42);
    Map<GgufFileType, Double> loss = new EnumMap<>(GgufFileType.class);
    double referenceLoss = Double.NaN;
    for (GgufFileType type : List.of(GgufFileType.F32, GgufFileType.Q8_0, GgufFileType.Q4_0)) {
      Path gguf = model.toGguf(tmp.resolve(type.name()), type);
      try (EmbeddingLogits llama = EmbeddingLogits.open(gguf)) {
        int[] tokens = llama.encode(HELD_OUT);
        List<Integer> sequence = new ArrayList<>();
        sequence.add(1);
        Arrays.stream(tokens).forEach(sequence::add);
        double total = 0;
        double totalReference = 0;
        int counted = 0;
        for (int k = 1; k < sequence.size(); k++) {
          List<Integer> prefix = sequence.subList(0, k);
          String prompt = model.text(prefix.subList(1, k)).strip();
          if (!Arrays.equals(llama.encode(prompt), toArray(prefix.subList(1, k)))) {
            continue; // this prefix does not survive detokenise/retokenise: skip the position
          }
          double[] logits = llama.nextLogits(prompt);
          int target = sequence.get(k);
          total -= Math.log(ReferenceLlama.softmax(logits)[target]);
          if (type == GgufFileType.F32) {
            totalReference -=
                Math.log(
                    ReferenceLlama.softmax(ReferenceLlama.of(model).nextLogits(prefix))[target]);
          }
          counted++;
        }
        assertThat(counted).as("positions scored").isGreaterThan(sequence.size() / 2);
        loss.put(type, total / counted);
        if (type == GgufFileType.F32) {
          referenceLoss = totalReference / counted;
        }
        System.out.printf(
            "held-out loss %s: %.5f over %d positions%n", type, total / counted, counted);
      }
    }
    System.out.printf("held-out loss reference (double, HF weights): %.5f%n", referenceLoss);
    assertThat(loss.get(GgufFileType.F32))
        .isCloseTo(referenceLoss, org.assertj.core.data.Offset.offset(1e-3 * referenceLoss));
    double q8Change = Math.abs(loss.get(GgufFileType.Q8_0) / loss.get(GgufFileType.F32) - 1);
    assertThat(q8Change).as("Q8_0 relative loss change").isLessThanOrEqualTo(0.01);
    assertThat(loss.get(GgufFileType.Q4_0)).isFinite();
  }

  private static int[] toArray(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
