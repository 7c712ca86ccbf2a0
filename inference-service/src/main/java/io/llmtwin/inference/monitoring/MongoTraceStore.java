package io.llmtwin.inference.monitoring;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Prompt traces in one MongoDB collection, expired by a TTL index on {@code createdAt} after the
 * configured retention.
 */
public class MongoTraceStore {
  private static final Logger log = LoggerFactory.getLogger(MongoTraceStore.class);
  static final String TTL_INDEX = "createdAt_ttl";

  private final MongoTemplate mongo;
  private final TraceProperties properties;

  MongoTraceStore(MongoTemplate mongo, TraceProperties properties) {
    this.mongo = mongo;
    this.properties = properties;
  }

  /** Creates the TTL index (recreating it when the retention changed) and the query index. */
  void ensureIndexes() {
    IndexOperations indexes = mongo.indexOps(properties.collection());
    Index ttl =
        new Index()
            .on("createdAt", Sort.Direction.ASC)
            .named(TTL_INDEX)
            .expire(properties.retention());
    for (IndexInfo existing : indexes.getIndexInfo()) {
      if (TTL_INDEX.equals(existing.getName())
          && !existing
              .getExpireAfter()
              .map(d -> d.getSeconds() == retentionSeconds())
              .orElse(false)) {
        log.info(
            "recreating the prompt trace TTL index for the new retention {}",
            properties.retention());
        indexes.dropIndex(TTL_INDEX);
      }
    }
    indexes.createIndex(ttl);
    indexes.createIndex(
        new Index()
            .on("authorId", Sort.Direction.ASC)
            .on("createdAt", Sort.Direction.DESC)
            .named("author_createdAt"));
  }

  private long retentionSeconds() {
    return properties.retention().getSeconds();
  }

  /** Stores one trace. */
  void save(PromptTrace trace) {
    mongo.insert(trace, properties.collection());
  }

  /**
   * The newest traces of {@code authorId}, newest first.
   *
   * @param outcome only this outcome, or null for all
   * @param since only traces created at or after this instant, or null
   * @param limit the most traces returned
   */
  public List<PromptTrace> find(String authorId, String outcome, Instant since, int limit) {
    Criteria criteria = Criteria.where("authorId").is(authorId);
    if (outcome != null) {
      criteria = criteria.and("outcome").is(outcome);
    }
    if (since != null) {
      criteria = criteria.and("createdAt").gte(since);
    }
    Query query =
        Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "createdAt")).limit(limit);
    return mongo.find(query, PromptTrace.class, properties.collection());
  }
}
