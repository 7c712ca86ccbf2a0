package io.llmtwin.featurestore.retrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.llmtwin.devstack.qdrant.EmbeddedQdrant;
import io.llmtwin.featurestore.CleanedDocument;
import io.llmtwin.featurestore.EmbeddedChunk;
import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.llmtwin.featurestore.FeatureStoreSchema;
import io.llmtwin.featurestore.QdrantClientFactory;
import io.llmtwin.featurestore.QdrantConnectionProperties;
import io.llmtwin.featurestore.QdrantFeatureStore;
import io.qdrant.client.QdrantClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The evaluation corpus indexed once per test JVM into an {@link EmbeddedQdrant} through the
 * feature store's write API, with the production embedding model.
 */
final class IndexedCorpus {
  static final EmbeddingModelSpec SPEC = new EmbeddingModelSpec("all-minilm-l6-v2-q", 384);
  private static IndexedCorpus instance;

  final EmbeddedQdrant qdrant;
  final QdrantClient client;
  final EmbeddingModel model;
  final List<CleanedDocument> documents;
  final int chunks;

  private IndexedCorpus() {
    qdrant = EmbeddedQdrant.builder().port(0).start();
    client =
        QdrantClientFactory.create(QdrantConnectionProperties.of(qdrant.host(), qdrant.port()));
    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    documents = EvaluationCorpus.documents();
    Duration timeout = Duration.ofSeconds(30);
    new FeatureStoreSchema(client, SPEC, timeout).ensure();
    QdrantFeatureStore store = new QdrantFeatureStore(client, SPEC, timeout);
    int count = 0;
    for (CleanedDocument document : documents) {
      List<String> texts = EvaluationCorpus.chunk(document);
      var vectors = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
      List<EmbeddedChunk> embedded = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        embedded.add(new EmbeddedChunk(i, texts.get(i), vectors.get(i).vector()));
      }
      store.upsertCleaned(document);
      store.replaceChunks(document, embedded);
      count += embedded.size();
    }
    chunks = count;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  client.close();
                  qdrant.close();
                }));
  }

  static synchronized IndexedCorpus get() {
    if (instance == null) {
      instance = new IndexedCorpus();
    }
    return instance;
  }

  QdrantRetriever.Builder retriever() {
    return QdrantRetriever.builder(client, model)
        .authorDirectory(new InMemoryAuthorDirectory(EvaluationCorpus.authors()));
  }
}
