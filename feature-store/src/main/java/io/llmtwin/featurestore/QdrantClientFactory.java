package io.llmtwin.featurestore;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;

/** Builds a {@link QdrantClient} from {@link QdrantConnectionProperties}. */
public final class QdrantClientFactory {
  private QdrantClientFactory() {}

  /**
   * Opens a client; the caller closes it. No call is made until the first request, so this does not
   * fail when the server is still starting.
   */
  public static QdrantClient create(QdrantConnectionProperties properties) {
    QdrantGrpcClient.Builder builder =
        QdrantGrpcClient.newBuilder(
                properties.host(), properties.port(), properties.useTls(), false)
            .withTimeout(properties.timeout());
    if (properties.hasApiKey()) {
      builder.withApiKey(properties.apiKey());
    }
    return new QdrantClient(builder.build());
  }
}
