package io.llmtwin.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.llm.checkpoint.HalfFloats;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GgmlQuantizerTest {

  private static float[] gaussian(int n, long seed, double std) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * std);
    }
    return v;
  }

  @Test
  void q8RoundTripErrorIsWithinHalfAStepPerBlock() {
    float[] x = gaussian(32 * 64, 1, 0.5);
    byte[] q = GgmlQuantizer.encode(GgmlType.Q8_0, x, 256);
    assertThat(q).hasSize(64 * 34);
    float[] y = GgmlQuantizer.decode(GgmlType.Q8_0, q, x.length);
    for (int b = 0; b < 64; b++) {
      float amax = 0;
      for (int j = 0; j < 32; j++) {
        amax = Math.max(amax, Math.abs(x[b * 32 + j]));
      }
      double step = amax / 127.0;
      for (int j = 0; j < 32; j++) {
        // half a step of rounding plus the fp16 rounding of the scale (relative 2^-11, times 127)
        assertThat((double) Math.abs(x[b * 32 + j] - y[b * 32 + j]))
            .isLessThanOrEqualTo(step * 0.5 + amax * 0x1p-11 + 1e-9);
      }
    }
  }

  @Test
  void q4RoundTripErrorIsWithinOneStepAndExtremeValueIsExact() {
    float[] x = gaussian(32 * 64, 2, 1.0);
    byte[] q = GgmlQuantizer.encode(GgmlType.Q4_0, x, 64);
    assertThat(q).hasSize(64 * 18);
    float[] y = GgmlQuantizer.decode(GgmlType.Q4_0, q, x.length);
    double sq = 0;
    for (int b = 0; b < 64; b++) {
      float max = 0;
      for (int j = 0; j < 32; j++) {
        if (Math.abs(x[b * 32 + j]) > Math.abs(max)) {
          max = x[b * 32 + j];
        }
      }
      double step = Math.abs(max) / 8.0;
      for (int j = 0; j < 32; j++) {
        double err = Math.abs(x[b * 32 + j] - y[b * 32 + j]);
        sq += err * err;
        // half a step of rounding, but the opposite extreme (x/d = 8) is clamped to 15: one step
        assertThat(err).isLessThanOrEqualTo(step + Math.abs(max) * 0x1p-10 + 1e-9);
        if (x[b * 32 + j] == max) {
          assertThat(err).isLessThanOrEqualTo(Math.abs(max) * 0x1p-10);
        }
      }
    }
    double rmse = Math.sqrt(sq / x.length);
    assertThat(rmse).isLessThan(0.15); // about step/sqrt(12) for unit-variance weights
  }

  @Test
  void q4BlockLayoutFollowsGgml() {
    float[] x = new float[32];
    for (int j = 0; j < 32; j++) {
      x[j] = j - 16; // largest magnitude is -16, so d = -16 / -8 = 2
    }
    byte[] q = GgmlQuantizer.encode(GgmlType.Q4_0, x, 32);
    assertThat(HalfFloats.halfToFloat((short) ((q[0] & 0xFF) | (q[1] << 8)))).isEqualTo(2.0f);
    // value j in the low nibble of byte j, value j+16 in the high nibble; q = x/d + 8 (clamped 15)
    for (int j = 0; j < 16; j++) {
      int lo = q[2 + j] & 0x0F;
      int hi = (q[2 + j] >> 4) & 0x0F;
      assertThat(lo).isEqualTo(Math.min(15, (int) (x[j] / 2f + 8.5f)));
      assertThat(hi).isEqualTo(Math.min(15, (int) (x[j + 16] / 2f + 8.5f)));
    }
    assertThat(q[2] & 0x0F).isZero(); // -16 -> 0 (the -8 offset)
  }

  @Test
  void q8BlockLayoutIsScaleThenSignedBytes() {
    float[] x = new float[32];
    x[0] = -127f;
    x[1] = 63.5f; // a tie: ggml's roundf rounds half away from zero
    x[2] = -0.5f;
    byte[] q = GgmlQuantizer.encode(GgmlType.Q8_0, x, 32);
    assertThat(HalfFloats.halfToFloat((short) ((q[0] & 0xFF) | (q[1] << 8)))).isEqualTo(1.0f);
    assertThat(q[2]).isEqualTo((byte) -127);
    assertThat(q[3]).isEqualTo((byte) 64);
    assertThat(q[4]).isEqualTo((byte) -1);
  }

  @Test
  void allZeroBlocksEncodeAsZeroScale() {
    float[] zeros = new float[64];
    for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q8_0}) {
      float[] back = GgmlQuantizer.decode(type, GgmlQuantizer.encode(type, zeros, 32), 64);
      for (float v : back) {
        assertThat(v == 0f).as(type + " decodes zeros as zero").isTrue(); // -0.0 like ggml
      }
    }
  }

  @Test
  void rejectsRowsThatAreNotWholeBlocks() {
    assertThatThrownBy(() -> GgmlQuantizer.encode(GgmlType.Q8_0, new float[48], 48))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("multiple of 32");
    assertThatThrownBy(() -> GgmlQuantizer.encode(GgmlType.Q4_0, new float[100], 50))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(GgmlQuantizer.encode(GgmlType.F16, new float[50], 50)).hasSize(100);
  }

  @Test
  void f16MatchesIeeeHalfPrecision() {
    assertThat(HalfFloats.floatToHalf(1.0f)).isEqualTo((short) 0x3C00);
    assertThat(HalfFloats.floatToHalf(-2.0f)).isEqualTo((short) 0xC000);
    assertThat(HalfFloats.floatToHalf(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(HalfFloats.floatToHalf(1e6f)).isEqualTo((short) 0x7C00);
    assertThat(HalfFloats.floatToHalf(0x1p-24f)).isEqualTo((short) 0x0001);
    // 1 + 2^-11 is half-way between 1 and the next half: ties go to even (1.0)
    assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3C00);
    assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3C01);
    for (int h = 0; h < 0x7C00; h++) { // every finite positive half round-trips exactly
      assertThat(HalfFloats.floatToHalf(HalfFloats.halfToFloat((short) h))).isEqualTo((short) h);
    }
  }
}
