package io.llmtwin.llm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

  @TempDir Path dir;

  private static Map<String, HostTensor> sample() {
    Map<String, HostTensor> m = new LinkedHashMap<>();
    m.put(
        "a.weight",
        new HostTensor(new long[] {2, 3}, new float[] {1f, -2.5f, 0.1f, 3e-3f, 65000f, 0f}));
    m.put("b.bias", new HostTensor(new long[] {3}, new float[] {0.5f, -0.25f, 1e-6f}));
    return m;
  }

  @Test
  void roundTripsFloat32Exactly() {
    Path f = dir.resolve("m.safetensors");
    Safetensors.write(f, sample(), TensorDType.F32, Map.of("format", "pt"));
    try (WeightStore s = Safetensors.open(f)) {
      assertThat(s.names()).containsExactly("a.weight", "b.bias");
      assertThat(s.read("a.weight")).isEqualTo(sample().get("a.weight"));
      assertThat(s.read("b.bias").shape()).containsExactly(3);
    }
  }

  @Test
  void roundTripsHalfAndBfloat16WithinTheirPrecision() {
    for (TensorDType t : new TensorDType[] {TensorDType.F16, TensorDType.BF16}) {
      Path f = dir.resolve(t + ".safetensors");
      Safetensors.write(f, sample(), t, Map.of());
      double tol = t == TensorDType.F16 ? 1e-3 : 8e-3;
      try (WeightStore s = Safetensors.open(f)) {
        float[] got = s.read("a.weight").data();
        float[] want = sample().get("a.weight").data();
        for (int i = 0; i < got.length; i++) {
          assertThat((double) got[i])
              .isCloseTo(
                  want[i], org.assertj.core.data.Offset.offset(Math.abs(want[i]) * tol + 1e-7));
        }
      }
    }
  }

  @Test
  void decodesKnownHalfBitPatterns() {
    assertThat(HalfFloats.halfToFloat((short) 0x3C00)).isEqualTo(1f);
    assertThat(HalfFloats.halfToFloat((short) 0xC000)).isEqualTo(-2f);
    assertThat(HalfFloats.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
    assertThat(HalfFloats.halfToFloat((short) 0x7BFF)).isEqualTo(65504f);
    assertThat(HalfFloats.floatToHalf(1f)).isEqualTo((short) 0x3C00);
    assertThat(HalfFloats.floatToHalf(65504f)).isEqualTo((short) 0x7BFF);
    assertThat(HalfFloats.floatToHalf(1e6f)).isEqualTo((short) 0x7C00);
    assertThat(HalfFloats.floatToBfloat16(1f)).isEqualTo((short) 0x3F80);
    for (int bits = 0; bits < 0x7C00; bits++) {
      float f = HalfFloats.halfToFloat((short) bits);
      assertThat(HalfFloats.floatToHalf(f)).isEqualTo((short) bits);
    }
  }

  @Test
  void headerIsEightByteAlignedAndReadableByOtherTools() throws Exception {
    Path f = dir.resolve("m.safetensors");
    Safetensors.write(f, sample(), TensorDType.F32, Map.of("format", "pt"));
    byte[] bytes = Files.readAllBytes(f);
    long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(n % 8).isZero();
    String header = new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8);
    assertThat(header)
        .contains("\"__metadata__\":{\"format\":\"pt\"}")
        .contains("\"dtype\":\"F32\"");
    assertThat(bytes.length).isEqualTo(8 + n + 9 * 4);
  }

  @Test
  void readsShardedCheckpointThroughItsIndex() {
    Safetensors.writeSharded(dir, sample(), TensorDType.BF16, 12);
    assertThat(dir.resolve("model-00001-of-00002.safetensors")).exists();
    assertThat(dir.resolve(Safetensors.INDEX_FILE)).exists();
    try (WeightStore s = Safetensors.openCheckpoint(dir)) {
      assertThat(s.names()).containsExactlyInAnyOrder("a.weight", "b.bias");
      assertThat(s.read("b.bias").data()[0]).isEqualTo(0.5f);
    }
  }

  @Test
  void rejectsTruncatedOrForeignFiles() throws Exception {
    Path bad = dir.resolve("bad.safetensors");
    Files.write(bad, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Safetensors.open(bad)).isInstanceOf(CheckpointException.class);
    Path f = dir.resolve("m.safetensors");
    Safetensors.write(f, sample(), TensorDType.F32, Map.of());
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length - 4));
    assertThatThrownBy(() -> Safetensors.open(f))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("inconsistent offsets");
    assertThatThrownBy(() -> Safetensors.openCheckpoint(dir.resolve("nowhere")))
        .isInstanceOf(CheckpointException.class);
  }
}
