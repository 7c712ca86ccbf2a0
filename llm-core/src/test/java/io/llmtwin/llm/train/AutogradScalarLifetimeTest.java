package io.llmtwin.llm.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import io.llmtwin.llm.checkpoint.HfCheckpoint;
import io.llmtwin.llm.lora.LoraAdapters;
import io.llmtwin.llm.lora.LoraConfig;
import io.llmtwin.llm.model.LlamaModel;
import io.llmtwin.llm.testing.InstructionFixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test for the "random NaN loss" issue: scalars that autograd saves must stay alive
 * until backward, even when a garbage collection runs between forward and backward and the freed
 * native memory is reused.
 */
class AutogradScalarLifetimeTest {

  @TempDir Path dir;

  @Test
  void gradientsAreUnchangedByAGarbageCollectionBetweenForwardAndBackward() {
    HfCheckpoint ckpt = InstructionFixtures.checkpoint(dir.resolve("base"));
    List<TrainingExample> batch = InstructionFixtures.split(ckpt).get(0).subList(0, 4);
    try (NDManager m = NDManager.newBaseManager();
        LlamaModel model = LlamaModel.load(ckpt, m)) {
      LoraAdapters.attach(model, LoraConfig.of(4, 8, 0), 1);
      Map<String, float[]> quiet = gradients(model, batch, false);
      for (int run = 0; run < 5; run++) {
        Map<String, float[]> disturbed = gradients(model, batch, true);
        assertThat(disturbed.keySet()).isEqualTo(quiet.keySet());
        quiet.forEach((k, v) -> assertThat(disturbed.get(k)).as(k).containsExactly(v));
      }
    }
  }

  private static Map<String, float[]> gradients(
      LlamaModel model, List<TrainingExample> batch, boolean disturb) {
    Map<String, float[]> out = new LinkedHashMap<>();
    try (NDManager m = model.manager().newSubManager();
        NDScope scope = new NDScope();
        GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      scope.suppressNotUsedWarning();
      CausalLmLoss.Batch b = CausalLmLoss.compute(model, m, batch, true);
      if (disturb) {
        scribbleOverFreedNativeMemory();
      }
      gc.backward(b.loss());
      model
          .trainableParameters()
          .forEach(
              (k, p) -> {
                out.put(k, p.getGradient().toFloatArray());
                p.getGradient().subi(p.getGradient());
              });
    }
    return out;
  }

  /** Collects garbage, then fills many small direct buffers (the scalars' size) with NaN. */
  private static void scribbleOverFreedNativeMemory() {
    List<ByteBuffer> keep = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      System.gc();
      for (int i = 0; i < 5_000; i++) {
        ByteBuffer buf = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
        buf.putDouble(0, Double.NaN);
        keep.add(buf);
      }
    }
    assertThat(keep).hasSize(15_000);
  }
}
