package io.llmtwin.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.artifact.ArtifactKeys;
import io.llmtwin.registry.model.RegistryNames;
import io.llmtwin.registry.model.VersionSpec;
import org.junit.jupiter.api.Test;

class NamingRulesTest {

  @Test
  void acceptsWellKnownAndUserDefinedAliases() {
    assertThat(AliasNames.isValid(AliasNames.CANDIDATE)).isTrue();
    assertThat(AliasNames.isValid(AliasNames.ACCEPTED)).isTrue();
    assertThat(AliasNames.isValid("canary-eu_2")).isTrue();
  }

  @Test
  void rejectsAliasesThatCouldBeMistakenForVersionsOrInjected() {
    for (String bad :
        new String[] {"latest", "v1", "v42", "Accepted", "1st", "a.b", "$gt", "a b"}) {
      assertThat(AliasNames.isValid(bad)).as(bad).isFalse();
    }
    assertThat(AliasNames.isValid("a".repeat(64))).isFalse();
  }

  @Test
  void artifactKeysAreRelativeSafePaths() {
    assertThat(ArtifactKeys.requireValid("models/twin/abc/gguf/q8_0.gguf")).isNotNull();
    for (String bad : new String[] {"../x", "a/../b", "/x", "x/", "a\\b", "a//b", "-x", "a/.git"}) {
      assertThatThrownBy(() -> ArtifactKeys.requireValid(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void modelNamesAndMetricNamesAreSafeForMongoFieldsAndKeys() {
    assertThat(RegistryNames.requireValidModel("twin-jane.doe_2")).isEqualTo("twin-jane.doe_2");
    assertThatThrownBy(() -> RegistryNames.requireValidModel("a/b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryNames.requireValidField("eval.loss", "metric"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metric");
    assertThatThrownBy(() -> VersionSpec.builder("b", "d").metric("$x", 1).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVersionSpecNeedsBaseModelDatasetAndAuthor() {
    assertThatThrownBy(() -> VersionSpec.builder(" ", "d").build())
        .hasMessageContaining("baseModel");
    assertThatThrownBy(() -> VersionSpec.builder("b", null).build())
        .hasMessageContaining("datasetVersion");
    assertThatThrownBy(() -> VersionSpec.builder("b", "d").createdBy("").build())
        .hasMessageContaining("createdBy");
    assertThatThrownBy(() -> VersionSpec.builder("b", "d").metric("loss", Double.NaN).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
