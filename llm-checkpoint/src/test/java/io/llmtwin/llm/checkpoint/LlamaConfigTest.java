package io.llmtwin.llm.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LlamaConfigTest {

  @Test
  void readsLlama3StyleConfigWithScalingAndEosList() {
    LlamaConfig c =
        LlamaConfig.parse(
            """
            {"model_type":"llama","vocab_size":128256,"hidden_size":2048,"intermediate_size":8192,
             "num_hidden_layers":16,"num_attention_heads":32,"num_key_value_heads":8,
             "rms_norm_eps":1e-05,"rope_theta":500000.0,"tie_word_embeddings":true,
             "rope_scaling":{"factor":32.0,"high_freq_factor":4.0,"low_freq_factor":1.0,
               "original_max_position_embeddings":8192,"rope_type":"llama3"},
             "max_position_embeddings":131072,"bos_token_id":128000,
             "eos_token_id":[128001,128008,128009],"attention_bias":false}
            """);
    assertThat(c.headDim()).isEqualTo(64);
    assertThat(c.groupSize()).isEqualTo(4);
    assertThat(c.ropeScaling().type()).isEqualTo("llama3");
    assertThat(c.ropeScaling().factor()).isEqualTo(32.0);
    assertThat(c.tieWordEmbeddings()).isTrue();
    assertThat(c.eosTokenIds()).containsExactly(128001, 128008, 128009);
    assertThat(c.qkvBias()).isFalse();
  }

  @Test
  void qwen2HasQkvBiasButNoOutputBias() {
    LlamaConfig c =
        LlamaConfig.parse(
            """
            {"model_type":"qwen2","vocab_size":151936,"hidden_size":896,"intermediate_size":4864,
             "num_hidden_layers":24,"num_attention_heads":14,"num_key_value_heads":2,
             "rms_norm_eps":1e-06,"rope_theta":1000000.0,"tie_word_embeddings":true,
             "bos_token_id":151643,"eos_token_id":151643,"rope_scaling":null}
            """);
    assertThat(c.qkvBias()).isTrue();
    assertThat(c.outputBias()).isFalse();
    assertThat(c.ropeScaling()).isEqualTo(RopeScaling.NONE);
    assertThat(c.eosTokenIds()).containsExactly(151643);
  }

  @Test
  void roundTripsThroughJson() {
    LlamaConfig c =
        LlamaConfig.llama(300, 64, 160, 2, 4, 2)
            .withRopeScaling(RopeScaling.llama3(8, 1, 4, 64))
            .withTiedEmbeddings(true);
    assertThat(LlamaConfig.parse(c.toJson())).isEqualTo(c);
    LlamaConfig q = c.asQwen2().withRopeScaling(RopeScaling.linear(2));
    assertThat(LlamaConfig.parse(q.toJson())).isEqualTo(q);
  }

  @Test
  void rejectsInconsistentHeads() {
    assertThatThrownBy(
            () ->
                LlamaConfig.parse(
                    """
                    {"vocab_size":10,"hidden_size":8,"intermediate_size":8,"num_hidden_layers":1,
                     "num_attention_heads":3,"num_key_value_heads":2}
                    """))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining("num_key_value_heads");
    assertThatThrownBy(() -> LlamaConfig.parse("{\"hidden_size\":8}"))
        .hasMessageContaining("lacks numeric field");
  }

  @Test
  void linearScalingDividesFrequencies() {
    double[] plain = RopeScaling.NONE.inverseFrequencies(8, 10000);
    double[] lin = RopeScaling.linear(4).inverseFrequencies(8, 10000);
    assertThat(plain[0]).isEqualTo(1.0);
    assertThat(lin[3]).isEqualTo(plain[3] / 4);
    // llama3 keeps high frequencies, divides low ones by the factor
    double[] l3 = RopeScaling.llama3(8, 1, 4, 64).inverseFrequencies(16, 10000);
    double[] base = RopeScaling.NONE.inverseFrequencies(16, 10000);
    assertThat(l3[0]).isEqualTo(base[0]);
    assertThat(l3[7]).isEqualTo(base[7] / 8);
  }
}
