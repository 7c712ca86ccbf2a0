package io.llmtwin.llm.checkpoint;

import java.util.Set;

/** Named tensors of a checkpoint, read on demand. */
public interface WeightStore extends AutoCloseable {

  /** All tensor names. */
  Set<String> names();

  /** Whether a tensor of this name exists. */
  default boolean contains(String name) {
    return names().contains(name);
  }

  /** The shape of one tensor, outermost dimension first, read from the header without the data. */
  long[] shape(String name);

  /** Reads one tensor as float32, whatever its stored dtype. */
  HostTensor read(String name);

  /** Releases file handles. */
  @Override
  void close();
}
