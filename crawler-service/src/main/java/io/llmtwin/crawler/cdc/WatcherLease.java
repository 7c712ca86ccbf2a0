package io.llmtwin.crawler.cdc;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;

/**
 * A lease in MongoDB that makes one watcher instance the active one. The holder renews it well
 * within its time to live; anyone may take it over once it has expired. Acquiring is a single
 * conditional upsert: it matches the lease document only if this instance holds it or it has
 * expired, and otherwise fails on the unique {@code _id}.
 */
final class WatcherLease {
  static final String LEASE_ID = "cdc-watcher";

  private final MongoCollection<Document> leases;
  private final String owner;
  private final Duration ttl;
  private final Clock clock;

  WatcherLease(MongoDatabase database, String collection, String owner, Duration ttl, Clock clock) {
    this.leases = database.getCollection(collection);
    this.owner = owner;
    this.ttl = ttl;
    this.clock = clock;
  }

  /** Takes or renews the lease; true when this instance holds it until now + ttl. */
  boolean tryAcquire() {
    Instant now = clock.instant();
    try {
      Document lease =
          leases.findOneAndUpdate(
              Filters.and(
                  Filters.eq("_id", LEASE_ID),
                  Filters.or(Filters.eq("owner", owner), Filters.lt("expiresAt", Date.from(now)))),
              Updates.combine(
                  Updates.set("owner", owner),
                  Updates.set("expiresAt", Date.from(now.plus(ttl))),
                  Updates.set("renewedAt", Date.from(now))),
              new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
      return lease != null && owner.equals(lease.getString("owner"));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    } catch (MongoCommandException e) {
      if (ErrorCategory.fromErrorCode(e.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  /** Gives the lease up (graceful stop) so another instance can take over at once. */
  void release() {
    leases.deleteOne(Filters.and(Filters.eq("_id", LEASE_ID), Filters.eq("owner", owner)));
  }

  /** Who holds the lease now, if anyone holds an unexpired one. */
  Optional<String> holder() {
    Document lease = leases.find(Filters.eq("_id", LEASE_ID)).first();
    if (lease == null) {
      return Optional.empty();
    }
    Date expiresAt = lease.getDate("expiresAt");
    if (expiresAt == null || expiresAt.toInstant().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.ofNullable(lease.getString("owner"));
  }

  String owner() {
    return owner;
  }
}
