package io.llmtwin.llm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;

/**
 * Keys and values of the positions seen so far, per layer, shaped {@code [batch, kvHeads, length,
 * headDim]}; owned by its own manager so that per-step temporaries can be freed.
 */
public final class KvCache implements AutoCloseable {

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;

  KvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Number of cached positions. */
  public int length() {
    return length;
  }

  NDArray[] append(int layer, NDArray k, NDArray v) {
    NDArray newK = keys[layer] == null ? k : keys[layer].concat(k, 2);
    NDArray newV = values[layer] == null ? v : values[layer].concat(v, 2);
    if (keys[layer] != null) {
      keys[layer].close();
      values[layer].close();
    }
    newK.attach(manager);
    newV.attach(manager);
    NDScope.unregister(newK, newV);
    keys[layer] = newK;
    values[layer] = newV;
    return new NDArray[] {newK, newV};
  }

  void advance(int tokens) {
    length += tokens;
  }

  @Override
  public void close() {
    manager.close();
  }
}
