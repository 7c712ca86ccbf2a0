package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Collections.CreateCollection;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.VectorParams;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The vector layout of a collection: dense vectors by name (the unnamed default vector is called
 * "") and sparse vector names.
 */
record CollectionSchema(
    CreateCollection definition,
    Map<String, VectorParams> dense,
    Set<String> sparse,
    boolean named) {

  static final String DEFAULT_VECTOR = "";
  private static final long MAX_DIMENSION = 65_536;

  /** Validates a create request like Qdrant does. */
  static CollectionSchema of(CreateCollection request) {
    String name = request.getCollectionName();
    if (name.isBlank() || name.length() > 255 || name.matches(".*[<>:\"/\\\\|?*\\x00-\\x1F].*")) {
      throw QdrantErrors.badInput("Collection name `" + name + "` is not a valid collection name");
    }
    Map<String, VectorParams> dense = new LinkedHashMap<>();
    boolean named = true;
    if (request.hasVectorsConfig()) {
      switch (request.getVectorsConfig().getConfigCase()) {
        case PARAMS -> {
          named = false;
          dense.put(DEFAULT_VECTOR, validate(request.getVectorsConfig().getParams()));
        }
        case PARAMS_MAP ->
            request
                .getVectorsConfig()
                .getParamsMap()
                .getMapMap()
                .forEach((vectorName, params) -> dense.put(vectorName, validate(params)));
        case CONFIG_NOT_SET -> {}
      }
    }
    Set<String> sparse =
        request.hasSparseVectorsConfig()
            ? Set.copyOf(request.getSparseVectorsConfig().getMapMap().keySet())
            : Set.of();
    for (String sparseName : sparse) {
      if (dense.containsKey(sparseName)) {
        throw QdrantErrors.badInput(
            "Sparse vector name `" + sparseName + "` is already used by a dense vector");
      }
    }
    return new CollectionSchema(request, Map.copyOf(dense), sparse, named);
  }

  private static VectorParams validate(VectorParams params) {
    if (params.getSize() < 1 || params.getSize() > MAX_DIMENSION) {
      throw QdrantErrors.badInput(
          "Validation error in JSON body: [size: value "
              + params.getSize()
              + " invalid, must be from 1 to 65536]");
    }
    if (params.getDistance() == Distance.UnknownDistance
        || params.getDistance() == Distance.UNRECOGNIZED) {
      throw QdrantErrors.badInput("Unknown distance function");
    }
    if (params.hasMultivectorConfig()) {
      throw QdrantErrors.unsupported("Multi-vector configuration");
    }
    return params;
  }

  String name() {
    return definition.getCollectionName();
  }

  Distance distance(String vectorName) {
    return denseParams(vectorName).getDistance();
  }

  VectorParams denseParams(String vectorName) {
    VectorParams params = dense.get(vectorName);
    if (params == null) {
      throw QdrantErrors.unknownVectorName(vectorName);
    }
    return params;
  }

  boolean isSparse(String vectorName) {
    return sparse.contains(vectorName);
  }

  boolean isDense(String vectorName) {
    return dense.containsKey(vectorName);
  }
}
