package io.llmtwin.training.evaluation;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.llmtwin.registry.model.Lineage;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.training.basemodel.BaseModelProperties;
import io.llmtwin.training.basemodel.BaseModels;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelEvaluatorTest {

  @Test
  void aBaseModelOutsideTheDirectoryFailsTheEvaluationBeforeAnythingIsRead() {
    ModelRegistry registry = mock(ModelRegistry.class);
    when(registry.version("twin-a", "v1"))
        .thenReturn(
            new ModelVersion(
                "twin-a",
                1,
                new Lineage("/home/someone/Llama-3.2-1B", "ds-0123456789abcdef", null),
                Map.of(),
                Map.of(),
                null,
                null,
                null,
                Instant.EPOCH,
                List.of()));
    // no dataset store, scorer input or tracker: the refusal comes before any of them is used
    ModelEvaluator evaluator =
        new ModelEvaluator(
            registry,
            null,
            null,
            Optional.empty(),
            null,
            EvaluationProperties.defaults(),
            Clock.systemUTC(),
            new BaseModels(new BaseModelProperties(Path.of("/nonexistent-llmtwin-models"))));

    assertThatThrownBy(() -> evaluator.evaluate("twin-a", "v1", null, true))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("base model of twin-a v1 refused")
        .hasMessageContaining("is not under the base-models directory /nonexistent-llmtwin-models");
  }
}
