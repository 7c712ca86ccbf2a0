package io.llmtwin.llm.train;

import io.llmtwin.llm.checkpoint.LlmTokenizer;
import io.llmtwin.model.prompt.InstructionSample;
import java.util.ArrayList;
import java.util.List;

/**
 * A tokenised sample: {@code ids} (BOS, prompt, response, EOS) and the number of leading prompt
 * tokens that carry no loss.
 *
 * @param ids token ids
 * @param promptLength tokens at the start that are context only
 */
public record TrainingExample(long[] ids, int promptLength) {

  /** Validates lengths. */
  public TrainingExample {
    ids = ids.clone();
    if (ids.length < 2 || promptLength < 1 || promptLength >= ids.length) {
      throw new IllegalArgumentException(
          "need at least one prompt token and one response token, got "
              + ids.length
              + " tokens with prompt "
              + promptLength);
    }
  }

  /** Number of tokens that carry loss. */
  public int responseTokens() {
    return ids.length - promptLength;
  }

  /**
   * Renders and tokenises samples: {@code [bos] prompt response [eos]}, truncated to {@code
   * maxLength} (samples with no response token left are dropped).
   */
  public static List<TrainingExample> tokenize(
      List<InstructionSample> samples,
      PromptRenderer renderer,
      LlmTokenizer tokenizer,
      long bosId,
      long eosId,
      int maxLength) {
    List<TrainingExample> out = new ArrayList<>();
    for (InstructionSample s : samples) {
      PromptRenderer.Rendered r = renderer.render(s);
      long[] prompt = tokenizer.encode(r.prompt());
      long[] response = tokenizer.encode(r.response());
      int bos = bosId >= 0 ? 1 : 0;
      int n = Math.min(maxLength, bos + prompt.length + response.length + 1);
      int promptLength = bos + prompt.length;
      if (promptLength >= n || promptLength == 0) {
        continue;
      }
      long[] ids = new long[n];
      int k = 0;
      if (bos == 1) {
        ids[k++] = bosId;
      }
      for (long id : prompt) {
        if (k < n) {
          ids[k++] = id;
        }
      }
      for (long id : response) {
        if (k < n) {
          ids[k++] = id;
        }
      }
      if (k < n) {
        ids[k] = eosId;
      }
      out.add(new TrainingExample(ids, promptLength));
    }
    return out;
  }
}
