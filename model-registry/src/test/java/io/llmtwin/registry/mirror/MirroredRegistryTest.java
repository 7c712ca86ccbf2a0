package io.llmtwin.registry.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.llmtwin.registry.alias.AliasChange;
import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.model.Lineage;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionSpec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

class MirroredRegistryTest {
  final List<String> seen = new CopyOnWriteArrayList<>();
  final RegistryMirror recording =
      new RegistryMirror() {
        @Override
        public void versionRegistered(ModelVersion version) {
          seen.add("registered " + version.name());
        }

        @Override
        public void aliasMoved(AliasMoved event) {
          seen.add(event.alias() + " -> v" + event.toVersion());
        }
      };
  final RegistryMirror failing =
      new RegistryMirror() {
        @Override
        public void versionRegistered(ModelVersion version) {
          throw new IllegalStateException("mirror down");
        }

        @Override
        public void aliasMoved(AliasMoved event) {
          throw new IllegalStateException("mirror down");
        }
      };

  static ModelVersion version(int n) {
    return new ModelVersion(
        "m",
        n,
        new Lineage("b", "d", null),
        Map.of(),
        Map.of(),
        "",
        "",
        "t",
        Instant.now(),
        List.of());
  }

  @Test
  void everyChangeReachesTheMirrorsAndAFailingMirrorFailsNothing() {
    ModelRegistry models = mock(ModelRegistry.class);
    AliasRegistry aliases = mock(AliasRegistry.class);
    VersionSpec spec = VersionSpec.builder("b", "d").build();
    when(models.register(eq("m"), eq(spec), anyMap())).thenReturn(version(1));
    AliasMoved moved =
        new AliasMoved(
            "m", "accepted", AliasChange.ASSIGNED, null, 1, "a", "", false, Instant.now(), 1);
    when(aliases.move(eq("m"), eq("accepted"), eq(1), any(AliasMove.class))).thenReturn(moved);

    ModelRegistry mirroredModels = new MirroredModelRegistry(models, List.of(failing, recording));
    AliasRegistry mirroredAliases = new MirroredAliasRegistry(aliases, List.of(failing, recording));

    assertThat(mirroredModels.register("m", spec, Map.of()).number()).isEqualTo(1);
    assertThat(mirroredAliases.move("m", "accepted", 1, AliasMove.by("a", ""))).isEqualTo(moved);
    assertThat(seen).containsExactly("registered v1", "accepted -> v1");
  }

  @Test
  void thePostProcessorWrapsTheRegistriesOnlyWhenAMirrorExists() {
    DefaultListableBeanFactory none = new DefaultListableBeanFactory();
    ModelRegistry models = mock(ModelRegistry.class);
    assertThat(
            new RegistryMirrorPostProcessor(none.getBeanProvider(RegistryMirror.class))
                .postProcessAfterInitialization(models, "modelRegistry"))
        .isSameAs(models);

    DefaultListableBeanFactory one = new DefaultListableBeanFactory();
    one.registerSingleton("mirror", recording);
    RegistryMirrorPostProcessor processor =
        new RegistryMirrorPostProcessor(one.getBeanProvider(RegistryMirror.class));
    assertThat(processor.postProcessAfterInitialization(models, "modelRegistry"))
        .isInstanceOf(MirroredModelRegistry.class);
    assertThat(processor.postProcessAfterInitialization(mock(AliasRegistry.class), "aliasRegistry"))
        .isInstanceOf(MirroredAliasRegistry.class);
    assertThat(processor.postProcessAfterInitialization("other", "x")).isEqualTo("other");
  }
}
