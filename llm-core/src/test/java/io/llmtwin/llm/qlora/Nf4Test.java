package io.llmtwin.llm.qlora;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.llmtwin.llm.checkpoint.HostTensor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Nf4Test {

  private static HostTensor gaussian(int rows, int cols, long seed) {
    Random r = new Random(seed);
    float[] d = new float[rows * cols];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (r.nextGaussian() * 0.05);
    }
    return new HostTensor(new long[] {rows, cols}, d);
  }

  @Test
  void errorOfEveryValueIsBoundedByItsBlockAbsmax() {
    HostTensor t = gaussian(32, 128, 1);
    HostTensor back = Nf4.dequantize(Nf4.quantize(t, false));
    double sq = 0;
    for (int b = 0; b < t.size() / Nf4.BLOCK; b++) {
      float max = 0;
      for (int j = 0; j < Nf4.BLOCK; j++) {
        max = Math.max(max, Math.abs(t.data()[b * Nf4.BLOCK + j]));
      }
      for (int j = 0; j < Nf4.BLOCK; j++) {
        int i = b * Nf4.BLOCK + j;
        double err = Math.abs(t.data()[i] - back.data()[i]);
        assertThat(err).isLessThanOrEqualTo(max * Nf4.MAX_LEVEL_ERROR + 1e-7);
        sq += err * err;
      }
    }
    double rms = Math.sqrt(sq / t.size());
    assertThat(rms / 0.05).isLessThan(0.12);
  }

  @Test
  void blockMaximaAndZerosAreExact() {
    float[] d = new float[128];
    d[3] = -0.7f;
    d[70] = 2.5f;
    HostTensor t = new HostTensor(new long[] {2, 64}, d);
    HostTensor back = Nf4.dequantize(Nf4.quantize(t, false));
    assertThat(back.data()[3]).isEqualTo(-0.7f);
    assertThat(back.data()[70]).isEqualTo(2.5f);
    assertThat(back.data()[0]).isZero();
    assertThat(back.data()[127]).isZero();
  }

  @Test
  void blocksAreIndependentSoOneOutlierOnlyCoarsensItsOwnBlock() {
    HostTensor t = gaussian(2, 64, 2);
    float[] d = t.data().clone();
    d[10] = 100f;
    HostTensor out = Nf4.dequantize(Nf4.quantize(new HostTensor(t.shape(), d), false));
    HostTensor plain = Nf4.dequantize(Nf4.quantize(t, false));
    for (int i = 64; i < 128; i++) {
      assertThat(out.data()[i]).isEqualTo(plain.data()[i]);
    }
  }

  @Test
  void handlesSizesThatAreNotMultiplesOfTheBlockOrOfTwo() {
    for (int n : new int[] {1, 3, 63, 65, 127, 1001}) {
      HostTensor t = gaussian(1, n, n);
      Nf4Tensor q = Nf4.quantize(t, false);
      assertThat(q.packed()).hasSize((n + 63) / 64 * 32);
      HostTensor back = Nf4.dequantize(q);
      assertThat(back.shape()).containsExactly(1, n);
      float max = 0;
      for (float v : t.data()) {
        max = Math.max(max, Math.abs(v));
      }
      for (int i = 0; i < n; i++) {
        assertThat((double) Math.abs(back.data()[i] - t.data()[i]))
            .isLessThanOrEqualTo(max * Nf4.MAX_LEVEL_ERROR + 1e-7);
      }
    }
  }

  @Test
  void doubleQuantisedScalesStayCloseAndShrinkStorage() {
    HostTensor t = gaussian(256, 300, 3);
    Nf4Tensor plain = Nf4.quantize(t, false);
    Nf4Tensor dq = Nf4.quantize(t, true);
    assertThat(dq.scales().doubleQuantized()).isTrue();
    assertThat(dq.bytes()).isLessThan(plain.bytes());
    float[] a = plain.scales().dequantize();
    float[] b = dq.scales().dequantize();
    float spread = 0;
    for (int i = 0; i < a.length; i++) {
      spread = Math.max(spread, Math.abs(a[i] - b[i]));
    }
    assertThat(spread).isLessThan(0.002f);
    HostTensor back = Nf4.dequantize(dq);
    for (int i = 0; i < t.size(); i++) {
      assertThat((double) Math.abs(back.data()[i] - t.data()[i]))
          .isLessThan(0.05 * 4 * 0.16 + 0.002);
    }
    System.out.printf(
        "NF4 bytes for %d fp32 values (%d bytes): %d plain scales, %d double-quantised%n",
        t.size(), t.size() * 4, plain.bytes(), dq.bytes());
  }

  @Test
  void engineDequantisationEqualsJavaDequantisation() {
    for (boolean dq : new boolean[] {false, true}) {
      HostTensor t = gaussian(48, 37, 4);
      Nf4Tensor q = Nf4.quantize(t, dq);
      try (NDManager m = NDManager.newBaseManager()) {
        Nf4Linear layer = new Nf4Linear(m, q, null);
        float[] engine = layer.weight(m.zeros(new ai.djl.ndarray.types.Shape(1))).toFloatArray();
        assertThat(engine).containsExactly(Nf4.dequantize(q).data());
        assertThat(layer.frozenBytes()).isEqualTo(q.bytes());
      }
    }
  }
}
