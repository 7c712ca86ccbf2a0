package io.llmtwin.training.tracking;

import io.llmtwin.training.tracking.Experiment.MetricPoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The local tracker: one document per run in the MongoDB collection {@value #COLLECTION}, metrics
 * appended to an array, listed through {@code GET /api/v1/experiments}.
 */
public final class MongoExperimentTracker implements ExperimentTracker {
  /** The collection. */
  public static final String COLLECTION = "experiments";

  private final MongoTemplate mongo;
  private final Clock clock;

  /** Stores runs through {@code mongo}. */
  public MongoExperimentTracker(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  /** Starts the run, or marks it running again when a resumed job starts it a second time. */
  @Override
  public void start(ExperimentRun run) {
    List<Document> params = new ArrayList<>();
    run.parameters().forEach((k, v) -> params.add(new Document("name", k).append("value", v)));
    mongo.upsert(
        byId(run.id()),
        new Update()
            .setOnInsert("name", run.name())
            .setOnInsert("authorId", run.authorId())
            .setOnInsert("parameters", params)
            .setOnInsert("metrics", new ArrayList<>())
            .setOnInsert("artifacts", new ArrayList<>())
            .setOnInsert("startedAt", Date.from(clock.instant()))
            .set("status", RunStatus.RUNNING.name())
            .unset("finishedAt"),
        COLLECTION);
  }

  @Override
  public void logMetric(String runId, String name, double value, long step) {
    push(runId, "metrics", new Document("name", name).append("value", value).append("step", step));
  }

  @Override
  public void logArtifact(String runId, String name, String location) {
    push(runId, "artifacts", new Document("name", name).append("location", location));
  }

  @Override
  public void finish(String runId, RunStatus status) {
    mongo.updateFirst(
        byId(runId),
        new Update().set("status", status.name()).set("finishedAt", Date.from(clock.instant())),
        COLLECTION);
  }

  /** The runs of {@code authorId}, newest first. */
  public List<Experiment> list(String authorId) {
    Query query =
        new Query(Criteria.where("authorId").is(authorId))
            .with(Sort.by(Sort.Direction.DESC, "startedAt"));
    return mongo.find(query, Document.class, COLLECTION).stream().map(this::experiment).toList();
  }

  /** One run. */
  public Optional<Experiment> find(String runId) {
    return Optional.ofNullable(mongo.findOne(byId(runId), Document.class, COLLECTION))
        .map(this::experiment);
  }

  private void push(String runId, String field, Document value) {
    mongo.updateFirst(byId(runId), new Update().push(field, value), COLLECTION);
  }

  private static Query byId(String runId) {
    return new Query(Criteria.where("_id").is(runId));
  }

  private Experiment experiment(Document d) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Document p : d.getList("parameters", Document.class, List.of())) {
      params.put(p.getString("name"), p.getString("value"));
    }
    List<MetricPoint> metrics = new ArrayList<>();
    for (Document m : d.getList("metrics", Document.class, List.of())) {
      metrics.add(
          new MetricPoint(
              m.getString("name"),
              ((Number) m.get("value")).doubleValue(),
              ((Number) m.get("step")).longValue()));
    }
    Map<String, String> artifacts = new LinkedHashMap<>();
    for (Document a : d.getList("artifacts", Document.class, List.of())) {
      artifacts.put(a.getString("name"), a.getString("location"));
    }
    return new Experiment(
        d.getString("_id"),
        d.getString("name"),
        d.getString("authorId"),
        RunStatus.valueOf(d.getString("status")),
        params,
        metrics,
        artifacts,
        instant(d.getDate("startedAt")),
        instant(d.getDate("finishedAt")));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
