package io.llmtwin.registry.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * <p>One document per alias carries the target version and a {@code revision}. A move reads the
 * document and replaces it with a compare-and-set on that revision (a {@code findOneAndUpdate}
 * filtered on {@code _id} and {@code revision}, or an insert for a new alias, whose {@code _id}
 * makes a concurrent insert fail); losers re-read and try again against the new state. The event is
 * embedded in the alias document ({@code lastMove}) by that same single-document write, then copied
 * to {@code alias_history} under the id {@code <model>:<alias>:<revision>}; should the process die
 * between the two writes, the next operation on that alias copies the embedded event again (an
 * idempotent upsert), so no move goes unaudited.
 */
public final class MongoAliasRegistry implements AliasRegistry {

  private static final Logger log = LoggerFactory.getLogger(MongoAliasRegistry.class);
  private static final int MAX_ATTEMPTS = 100;

  private final MongoCollection<Document> aliases;
  private final MongoCollection<Document> history;
  private final ModelRegistry models;
  private final Clock clock;

  /** Creates the alias registry; {@code models} checks that target versions exist. */
  public MongoAliasRegistry(MongoTemplate mongo, ModelRegistry models, Clock clock) {
    this.aliases = mongo.getCollection(RegistryCollections.ALIASES);
    this.history = mongo.getCollection(RegistryCollections.ALIAS_HISTORY);
    this.models = models;
    this.clock = clock;
    RegistryIndexes.ensure(mongo);
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
      Document current = aliases.find(Filters.eq("_id", id(model, alias))).first();
      if (current == null || current.get("version") == null) {
        throw new RollbackNotPossibleException(
            "Alias '" + alias + "' of model '" + model + "' points at no version");
      }
      heal(current);
      int holder = ((Number) current.get("version")).intValue();
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
    String id = id(model, alias);
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      Document current = aliases.find(Filters.eq("_id", id)).first();
      if (current != null) {
        heal(current);
      }
      Integer from =
          current == null || current.get("version") == null
              ? null
              : ((Number) current.get("version")).intValue();
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
      long revision = current == null ? 1L : ((Number) current.get("revision")).longValue() + 1;
      Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
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
      Document eventDocument = toDocument(event);
      if (current == null) {
        try {
          aliases.insertOne(
              new Document("_id", id)
                  .append("model", model)
                  .append("alias", alias)
                  .append("version", target)
                  .append("revision", revision)
                  .append("updatedAt", Date.from(now))
                  .append("lastMove", eventDocument));
        } catch (MongoException e) {
          if (MongoErrors.isDuplicateKey(e)) {
            continue; // created concurrently: retry against it
          }
          throw e;
        }
      } else {
        List<Bson> set =
            List.of(
                Updates.set("version", target),
                Updates.set("revision", revision),
                Updates.set("updatedAt", Date.from(now)),
                Updates.set("lastMove", eventDocument));
        Document updated =
            aliases.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq("revision", revision - 1)),
                Updates.combine(set),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (updated == null) {
          continue; // lost the race: re-read and try again
        }
      }
      record(eventDocument);
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

  @Override
  public Optional<AliasTarget> target(String model, String alias) {
    Document d = aliases.find(Filters.eq("_id", id(model, alias))).first();
    return Optional.ofNullable(d).filter(x -> x.get("version") != null).map(this::toTarget);
  }

  @Override
  public List<AliasTarget> aliases(String model) {
    List<AliasTarget> result = new ArrayList<>();
    aliases
        .find(Filters.and(Filters.eq("model", model), Filters.ne("version", null)))
        .sort(Sorts.ascending("alias"))
        .forEach(d -> result.add(toTarget(d)));
    return result;
  }

  @Override
  public List<AliasMoved> history(String model, String alias) {
    Optional.ofNullable(aliases.find(Filters.eq("_id", id(model, alias))).first())
        .ifPresent(this::heal);
    return query(
        Filters.and(Filters.eq("model", model), Filters.eq("alias", alias)),
        Sorts.ascending("revision"));
  }

  @Override
  public List<AliasMoved> history(String model) {
    aliases.find(Filters.eq("model", model)).forEach(this::heal);
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

  /** Copies the event embedded in an alias document into the history if it is missing there. */
  private void heal(Document aliasDocument) {
    Document lastMove = aliasDocument.get("lastMove", Document.class);
    if (lastMove != null
        && history.find(Filters.eq("_id", lastMove.getString("_id"))).first() == null) {
      record(lastMove);
    }
  }

  private void record(Document eventDocument) {
    try {
      history.replaceOne(
          Filters.eq("_id", eventDocument.getString("_id")),
          eventDocument,
          new ReplaceOptions().upsert(true));
    } catch (MongoException e) {
      if (!MongoErrors.isDuplicateKey(e)) {
        throw e;
      }
    }
  }

  private static String id(String model, String alias) {
    return model + ":" + alias;
  }

  private static Document toDocument(AliasMoved e) {
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

  private static AliasMoved toEvent(Document d) {
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

  private AliasTarget toTarget(Document d) {
    return new AliasTarget(
        d.getString("model"),
        d.getString("alias"),
        ((Number) d.get("version")).intValue(),
        ((Number) d.get("revision")).longValue(),
        d.getDate("updatedAt").toInstant());
  }
}
