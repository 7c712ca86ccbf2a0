package io.llmtwin.registry.mirror;

import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.model.ModelVersion;

/**
 * Copies registry changes to another model registry (for example Comet's). Called after the change
 * is stored; a mirror's failure is logged and never undoes or fails the change (the registry here
 * stays the source of truth). Declaring a bean of this type makes the auto-configuration wrap the
 * {@code ModelRegistry} and {@code AliasRegistry} beans so every change reaches it.
 */
public interface RegistryMirror {

  /** A version was registered. */
  void versionRegistered(ModelVersion version);

  /** Metrics were recorded on a version (e.g. by evaluation); {@code version} has all of them. */
  default void metricsRecorded(ModelVersion version) {}

  /** An alias was assigned, moved, removed or rolled back. */
  void aliasMoved(AliasMoved event);
}
