package io.llmtwin.inference.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.inference.engine.GenerationRequest;
import io.llmtwin.inference.engine.LlamaCppOptions;
import io.llmtwin.inference.engine.LlamaCppTextGenerator;
import io.llmtwin.llm.checkpoint.HostTensor;
import io.llmtwin.llm.checkpoint.LlamaConfig;
import io.llmtwin.llm.checkpoint.Safetensors;
import io.llmtwin.llm.checkpoint.TensorDType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PEFT LoRA adapter converted to a GGUF adapter and applied by llama.cpp at load time behaves
 * like the merged model {@code W + (alpha/r)·B·A} computed by the reference forward pass.
 */
class GgufLoraAdapterIT {

  private static final String PROMPT = "the cat sat on";
  private static final int RANK = 4;
  private static final double ALPHA = 8;

  @TempDir Path tmp;

  @Test
  void baseWithConvertedAdapterGeneratesLikeTheMergedModel() throws Exception {
    TinyLlama base = new TinyLlama(42);
    TinyLlama merged = new TinyLlama(42);
    Map<String, HostTensor> adapter = new LinkedHashMap<>();
    Random random = new Random(99);
    double scale = ALPHA / RANK;
    for (int layer = 0; layer < TinyLlama.LAYERS; layer++) {
      for (String module :
          List.of(
              "self_attn.q_proj",
              "self_attn.k_proj",
              "self_attn.v_proj",
              "self_attn.o_proj",
              "mlp.gate_proj",
              "mlp.up_proj",
              "mlp.down_proj")) {
        String name = "model.layers." + layer + "." + module;
        HostTensor w = base.tensors.get(name + ".weight");
        int out = (int) w.shape()[0];
        int in = (int) w.shape()[1];
        float[] a = gaussian(random, RANK * in, 1.0 / Math.sqrt(in));
        float[] b = gaussian(random, out * RANK, 0.4 / Math.sqrt(RANK));
        adapter.put(
            "base_model.model." + name + ".lora_A.weight",
            new HostTensor(new long[] {RANK, in}, a));
        adapter.put(
            "base_model.model." + name + ".lora_B.weight",
            new HostTensor(new long[] {out, RANK}, b));
        float[] m = w.data().clone();
        for (int o = 0; o < out; o++) {
          for (int i = 0; i < in; i++) {
            double delta = 0;
            for (int r = 0; r < RANK; r++) {
              delta += b[o * RANK + r] * (double) a[r * in + i];
            }
            m[o * in + i] = (float) (m[o * in + i] + scale * delta);
          }
        }
        merged.tensors.put(name + ".weight", new HostTensor(w.shape(), m));
      }
    }
    Path peft = Files.createDirectories(tmp.resolve("peft"));
    Files.writeString(
        peft.resolve("adapter_config.json"),
        "{\"peft_type\":\"LORA\",\"r\":"
            + RANK
            + ",\"lora_alpha\":"
            + ALPHA
            + ",\"target_modules\":[\"q_proj\",\"k_proj\",\"v_proj\",\"o_proj\",\"gate_proj\",\"up_proj\",\"down_proj\"]}");
    Safetensors.write(
        peft.resolve("adapter_model.safetensors"), adapter, TensorDType.F32, Map.of());

    Path baseGguf = base.toGguf(tmp.resolve("base"), GgufFileType.F32);
    Path adapterGguf = tmp.resolve("adapter.gguf");
    GgufLoraConverter.Result converted =
        new GgufLoraConverter()
            .convert(peft, LlamaConfig.read(tmp.resolve("base/hf")), adapterGguf, GgmlType.F32);
    assertThat(converted.adaptedMatrices()).isEqualTo(14);

    GgufFile file = GgufFile.read(adapterGguf);
    assertThat(file.metadata())
        .containsEntry("general.type", "adapter")
        .containsEntry("adapter.type", "lora")
        .containsEntry("adapter.lora.alpha", ALPHA);
    assertThat(file.tensors().get("blk.0.attn_k.weight.lora_a").dims())
        .containsExactly(64L, (long) RANK);
    assertThat(file.tensors().get("blk.0.attn_k.weight.lora_b").dims())
        .containsExactly((long) RANK, 32L);

    try (LlamaCppTextGenerator generator =
        new LlamaCppTextGenerator(
            LlamaCppOptions.forModel(baseGguf)
                .withSlots(1, 1)
                .withContextPerSlot(256)
                .withAdapters(List.of(new LlamaCppOptions.LoraAdapter(adapterGguf, 1f))))) {
      List<Integer> prompt = new ArrayList<>();
      prompt.add(1);
      Arrays.stream(generator.tokenize(PROMPT)).forEach(prompt::add);
      String expected = text(merged, ReferenceLlama.of(merged).greedy(prompt, 24, 2));
      String baseText = text(base, ReferenceLlama.of(base).greedy(prompt, 24, 2));
      assertThat(expected)
          .as("test premise: the adapter changes the output")
          .isNotEqualTo(baseText);

      String actual = generator.complete(GenerationRequest.greedy(PROMPT, 24)).text();

      assertThat(actual).isEqualTo(expected);
    }
  }

  private static String text(TinyLlama model, List<Integer> tokens) {
    return model.text(tokens);
  }

  private static float[] gaussian(Random random, int n, double std) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (random.nextGaussian() * std);
    }
    return v;
  }
}
