package io.llmtwin.registry.alias;

import java.time.Instant;

/**
 * Where an alias points now.
 *
 * @param model the model name
 * @param alias the alias name
 * @param version the version it points at
 * @param revision increases with every change of this alias
 * @param updatedAt when it last changed
 */
public record AliasTarget(
    String model, String alias, int version, long revision, Instant updatedAt) {}
