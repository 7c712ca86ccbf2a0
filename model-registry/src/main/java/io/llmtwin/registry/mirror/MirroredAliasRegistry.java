package io.llmtwin.registry.mirror;

import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.alias.AliasTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** An {@link AliasRegistry} that reports every alias change to mirrors after it is recorded. */
public final class MirroredAliasRegistry implements AliasRegistry {
  private final AliasRegistry delegate;
  private final List<RegistryMirror> mirrors;

  /** Decorates {@code delegate}. */
  public MirroredAliasRegistry(AliasRegistry delegate, List<RegistryMirror> mirrors) {
    this.delegate = delegate;
    this.mirrors = List.copyOf(mirrors);
  }

  private AliasMoved mirrored(AliasMoved event) {
    MirroredModelRegistry.notify(
        mirrors,
        event.model() + " " + event.alias() + " " + event.change(),
        m -> m.aliasMoved(event));
    return event;
  }

  @Override
  public AliasMoved move(String model, String alias, int version, AliasMove move) {
    return mirrored(delegate.move(model, alias, version, move));
  }

  @Override
  public AliasMoved remove(String model, String alias, String actor, String reason) {
    return mirrored(delegate.remove(model, alias, actor, reason));
  }

  @Override
  public AliasMoved rollback(String model, String alias, String actor, String reason) {
    return mirrored(delegate.rollback(model, alias, actor, reason));
  }

  @Override
  public Optional<AliasTarget> target(String model, String alias) {
    return delegate.target(model, alias);
  }

  @Override
  public List<AliasTarget> aliases(String model) {
    return delegate.aliases(model);
  }

  @Override
  public List<AliasMoved> history(String model, String alias) {
    return delegate.history(model, alias);
  }

  @Override
  public List<AliasMoved> history(String model) {
    return delegate.history(model);
  }

  @Override
  public List<AliasMoved> changesSince(Instant since) {
    return delegate.changesSince(since);
  }
}
