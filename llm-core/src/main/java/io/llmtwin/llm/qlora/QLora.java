package io.llmtwin.llm.qlora;

import io.llmtwin.llm.model.DecoderLayer;
import io.llmtwin.llm.model.DenseLinear;
import io.llmtwin.llm.model.LinearLayer;
import io.llmtwin.llm.model.LlamaModel;

/**
 * Turns a loaded model into a QLoRA base: every frozen dense projection is replaced by an {@link
 * Nf4Linear} and its fp32 weight is released. Attach LoRA adapters afterwards.
 */
public final class QLora {

  private QLora() {}

  /**
   * Quantises all seven projections of every layer to NF4 (block 64), optionally double-quantising
   * the scales. Returns the resident bytes of the projections before and after.
   */
  public static Footprint quantize(LlamaModel model, boolean doubleQuantization) {
    long before = model.frozenProjectionBytes();
    for (DecoderLayer layer : model.layers()) {
      for (String name : DecoderLayer.PROJECTIONS) {
        LinearLayer p = layer.projection(name);
        if (!(p instanceof DenseLinear dense)) {
          throw new IllegalStateException(
              "quantise before attaching adapters; "
                  + name
                  + " is "
                  + p.getClass().getSimpleName());
        }
        Nf4Tensor q = Nf4.quantize(dense.effectiveWeight(), doubleQuantization);
        Nf4Linear nf4 = new Nf4Linear(model.manager(), q, dense.bias().orElse(null));
        layer.setProjection(name, nf4);
        dense.weight().close();
      }
    }
    return new Footprint(before, model.frozenProjectionBytes());
  }

  /**
   * Resident bytes of the frozen projection weights.
   *
   * @param fp32Bytes before quantisation
   * @param nf4Bytes after quantisation
   */
  public record Footprint(long fp32Bytes, long nf4Bytes) {}
}
