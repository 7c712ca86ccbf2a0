package io.llmtwin.registry.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.llmtwin.registry.RegistryCollections;
import io.llmtwin.registry.alias.AliasChange;
import io.llmtwin.registry.alias.AliasConflictException;
import io.llmtwin.registry.alias.AliasMove;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.alias.AliasTarget;
import io.llmtwin.registry.alias.RollbackNotPossibleException;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.RegistryNames;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link AliasRegistry} on MongoDB without transactions.
 *
 * <p>The collection {@value RegistryCollections#ALIAS_HISTORY} is an append-only event log and the
 * source of truth: an alias points where its newest event says. A change reads the newest event
 * (revision n) and inserts event n+1 with the id {@code <model>:<alias>:<n+1>}. The unique id makes
 * that insert the compare-and-set: of two concurrent moves exactly one records revision n+1, the
 * other gets a duplicate-key error, re-reads and records n+2 against the new state. Only
 * single-document inserts are relied on, which are atomic on MongoDB and on mongo-java-server
 * alike. After the event, the alias's document in {@value RegistryCollections#ALIASES} is brought
 * up to date (a projection for change streams and tools; guarded by revision, and caught up by the
 * next change should a process die in between).
 */
public final class MongoAliasRegistry implements AliasRegistry {

  private static final Logger log = LoggerFactory.getLogger(MongoAliasRegistry.class);
  private static final int MAX_ATTEMPTS = 100;

  private final MongoCollection<Document> aliases;
  private final MongoCollection<Document> history;
  private final ModelRegistry models;
  private final Clock clock;
  private final RegistryIndexes indexes;

  /** Creates the alias registry; {@code models} checks that target versions exist. */
  public MongoAliasRegistry(MongoTemplate mongo, ModelRegistry models, Clock clock) {
    this.aliases = mongo.getCollection(RegistryCollections.ALIASES);
    this.history = mongo.getCollection(RegistryCollections.ALIAS_HISTORY);
    this.models = models;
    this.clock = clock;
    this.indexes = new RegistryIndexes(mongo);
  }

  @Override
  public AliasMoved move(String model, String alias, int version, AliasMove move) {
    RegistryNames.requireValidModel(model);
    AliasNames.requireValid(alias);
    models.version(model, version); // throws when the version does not exist
    return change(model, alias, version, move, null);
  }

  @Override
  public AliasMoved remove(String model, String alias, String actor, String reason) {
    RegistryNames.requireValidModel(model);
    AliasNames.requireValid(alias);
    return change(model, alias, null, AliasMove.by(actor, reason), null);
  }

  @Override
  public AliasMoved rollback(String model, String alias, String actor, String reason) {
    RegistryNames.requireValidModel(model);
    AliasNames.requireValid(alias);
    AliasMove move = AliasMove.by(actor, reason);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<AliasTarget> current = target(model, alias);
      if (current.isEmpty()) {
        throw new RollbackNotPossibleException(
            "Alias '" + alias + "' of model '" + model + "' points at no version");
      }
      int holder = current.get().version();
      Deque<Integer> holders = holders(history(model, alias));
      if (holders.isEmpty() || holders.peek() != holder || holders.size() < 2) {
        throw new RollbackNotPossibleException(
            "Alias '"
                + alias
                + "' of model '"
                + model
                + "' has no previous holder before v"
                + holder);
      }
      holders.pop();
      int previous = holders.peek();
      try {
        return change(model, alias, previous, move.expecting(holder), AliasChange.ROLLED_BACK);
      } catch (AliasConflictException e) {
        // moved meanwhile: roll back from the new state
      }
    }
    throw new AliasConflictException("Too much contention rolling back alias '" + alias + "'");
  }

  /** Replays the history into the stack of holders that rollbacks walk back through. */
  private static Deque<Integer> holders(List<AliasMoved> events) {
    Deque<Integer> stack = new ArrayDeque<>();
    for (AliasMoved event : events) {
      switch (event.change()) {
        case ASSIGNED, MOVED -> {
          if (stack.isEmpty() || !stack.peek().equals(event.toVersion())) {
            stack.push(event.toVersion());
          }
        }
        case ROLLED_BACK -> {
          if (!stack.isEmpty()) {
            stack.pop();
          }
          if (stack.isEmpty() || !stack.peek().equals(event.toVersion())) {
            stack.push(event.toVersion());
          }
        }
        case REMOVED -> stack.clear();
      }
    }
    return stack;
  }

  private AliasMoved change(
      String model, String alias, Integer target, AliasMove move, AliasChange forcedKind) {
    indexes.ensure();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Optional<AliasMoved> latest = latest(model, alias);
      latest.ifPresent(this::project);
      Integer from = latest.map(AliasMoved::toVersion).orElse(null);
      if (move.expectedCurrent() != null
          && !Objects.equals(from == null ? 0 : from, move.expectedCurrent())) {
        throw new AliasConflictException(
            "Alias '"
                + alias
                + "' of model '"
                + model
                + "' points at "
                + (from == null ? "no version" : "v" + from)
                + ", expected "
                + (move.expectedCurrent() == 0 ? "no version" : "v" + move.expectedCurrent()));
      }
      if (target == null && from == null) {
        throw new AliasConflictException(
            "Alias '" + alias + "' of model '" + model + "' points at no version");
      }
      AliasChange kind =
          forcedKind != null
              ? forcedKind
              : target == null
                  ? AliasChange.REMOVED
                  : from == null ? AliasChange.ASSIGNED : AliasChange.MOVED;
      long revision = latest.map(AliasMoved::revision).orElse(0L) + 1;
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      AliasMoved event =
          new AliasMoved(
              model,
              alias,
              kind,
              from,
              target,
              move.actor(),
              move.reason(),
              move.forced(),
              now,
              revision);
      try {
        // the claim: only one writer can record revision n of an alias
        history.insertOne(toDocument(event));
      } catch (MongoException e) {
        if (MongoErrors.isDuplicateKey(e)) {
          continue; // another move won this revision: re-read and try again
        }
        throw e;
      }
      project(event);
      log.info(
          "Alias {} of {} {}: {} -> {} by {}{}",
          alias,
          model,
          kind,
          from == null ? "-" : "v" + from,
          target == null ? "-" : "v" + target,
          move.actor(),
          move.forced() ? " (forced)" : "");
      return event;
    }
    throw new AliasConflictException("Too much contention moving alias '" + alias + "'");
  }

  /** The newest event of an alias: the source of truth for where it points. */
  private Optional<AliasMoved> latest(String model, String alias) {
    return Optional.ofNullable(AliasLog.latest(history, model, alias))
        .map(MongoAliasRegistry::toEvent);
  }

  /**
   * Brings the alias's document in {@value RegistryCollections#ALIASES} up to {@code event}, unless
   * it already reflects that revision or a later one (idempotent).
   */
  private void project(AliasMoved event) {
    try {
      aliases.updateOne(
          Filters.and(
              Filters.eq("_id", id(event.model(), event.alias())),
              Filters.lt("revision", event.revision())),
          Updates.combine(
              Updates.set("model", event.model()),
              Updates.set("alias", event.alias()),
              Updates.set("version", event.toVersion()),
              Updates.set("revision", event.revision()),
              Updates.set("updatedAt", Date.from(event.at()))),
          new UpdateOptions().upsert(true));
    } catch (MongoException e) {
      // the document already holds this revision or a later one
      if (!MongoErrors.isDuplicateKey(e)) {
        throw e;
      }
    }
  }

  @Override
  public Optional<AliasTarget> target(String model, String alias) {
    return latest(model, alias)
        .filter(e -> e.toVersion() != null)
        .map(MongoAliasRegistry::toTarget);
  }

  @Override
  public List<AliasTarget> aliases(String model) {
    List<String> names = new ArrayList<>();
    history.distinct("alias", Filters.eq("model", model), String.class).into(names);
    Collections.sort(names);
    List<AliasTarget> result = new ArrayList<>();
    for (String alias : names) {
      target(model, alias).ifPresent(result::add);
    }
    return result;
  }

  @Override
  public List<AliasMoved> history(String model, String alias) {
    return query(
        Filters.and(Filters.eq("model", model), Filters.eq("alias", alias)),
        Sorts.ascending("revision"));
  }

  @Override
  public List<AliasMoved> history(String model) {
    return query(Filters.eq("model", model), Sorts.ascending("at", "alias", "revision"));
  }

  @Override
  public List<AliasMoved> changesSince(Instant since) {
    return query(
        Filters.gte("at", Date.from(since)), Sorts.ascending("at", "model", "alias", "revision"));
  }

  private List<AliasMoved> query(Bson filter, Bson sort) {
    List<AliasMoved> result = new ArrayList<>();
    history.find(filter).sort(sort).forEach(d -> result.add(toEvent(d)));
    return result;
  }

  private static String id(String model, String alias) {
    return model + ":" + alias;
  }

  static Document toDocument(AliasMoved e) {
    return new Document("_id", e.model() + ":" + e.alias() + ":" + e.revision())
        .append("model", e.model())
        .append("alias", e.alias())
        .append("change", e.change().name())
        .append("from", e.fromVersion())
        .append("to", e.toVersion())
        .append("actor", e.actor())
        .append("reason", e.reason())
        .append("forced", e.forced())
        .append("at", Date.from(e.at()))
        .append("revision", e.revision());
  }

  static AliasMoved toEvent(Document d) {
    return new AliasMoved(
        d.getString("model"),
        d.getString("alias"),
        AliasChange.valueOf(d.getString("change")),
        d.get("from") == null ? null : ((Number) d.get("from")).intValue(),
        d.get("to") == null ? null : ((Number) d.get("to")).intValue(),
        d.getString("actor"),
        d.getString("reason"),
        d.getBoolean("forced", false),
        d.getDate("at").toInstant(),
        ((Number) d.get("revision")).longValue());
  }

  private static AliasTarget toTarget(AliasMoved e) {
    return new AliasTarget(e.model(), e.alias(), e.toVersion(), e.revision(), e.at());
  }
}
