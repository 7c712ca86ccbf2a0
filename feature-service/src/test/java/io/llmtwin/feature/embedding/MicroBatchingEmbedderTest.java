package io.llmtwin.feature.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.featurestore.EmbeddingModelSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MicroBatchingEmbedderTest {

  /** Embeds a text as {length, first char}; fails for texts containing "POISON". */
  static final class RecordingEmbedder implements Embedder {
    final List<Integer> callSizes = new CopyOnWriteArrayList<>();

    @Override
    public EmbeddingModelSpec spec() {
      return new EmbeddingModelSpec("fake", 2);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      callSizes.add(texts.size());
      if (texts.stream().anyMatch(t -> t.contains("POISON"))) {
        throw new EmbeddingFailedException("poisoned");
      }
      return texts.stream().map(t -> new float[] {t.length(), t.charAt(0)}).toList();
    }
  }

  @Test
  void batchesTextsOfConcurrentCallersAndReturnsEachItsOwnVectors() throws Exception {
    var model = new RecordingEmbedder();
    var meters = new SimpleMeterRegistry();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try (var batcher = new MicroBatchingEmbedder(model, 64, Duration.ofMillis(200), meters)) {
      List<Future<List<float[]>>> results = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        String prefix = Character.toString('a' + c);
        results.add(callers.submit(() -> batcher.embed(List.of(prefix, prefix + prefix))));
      }
      for (int c = 0; c < 8; c++) {
        List<float[]> vectors = results.get(c).get();
        assertThat(vectors).hasSize(2);
        assertThat(vectors.get(0)).containsExactly(1f, 'a' + c);
        assertThat(vectors.get(1)).containsExactly(2f, 'a' + c);
      }
      assertThat(model.callSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(16);
      assertThat(model.callSizes).anySatisfy(size -> assertThat(size).isGreaterThan(2));
      assertThat(meters.get("llmtwin.feature.embed.batch.size").summary().count())
          .isEqualTo(model.callSizes.size());
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aFailingTextFailsOnlyItsOwnCaller() throws Exception {
    var model = new RecordingEmbedder();
    ExecutorService callers = Executors.newFixedThreadPool(2);
    try (var batcher =
        new MicroBatchingEmbedder(model, 64, Duration.ofMillis(300), new SimpleMeterRegistry())) {
      Future<List<float[]>> good = callers.submit(() -> batcher.embed(List.of("fine")));
      Future<List<float[]>> bad = callers.submit(() -> batcher.embed(List.of("POISON")));
      assertThat(good.get()).hasSize(1);
      assertThatThrownBy(bad::get).hasCauseInstanceOf(EmbeddingFailedException.class);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void emptyInputNeedsNoModelCall() {
    var model = new RecordingEmbedder();
    try (var batcher =
        new MicroBatchingEmbedder(model, 8, Duration.ofMillis(5), new SimpleMeterRegistry())) {
      assertThat(batcher.embed(List.of())).isEmpty();
      assertThat(model.callSizes).isEmpty();
    }
  }
}
