package io.llmtwin.training.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** Training jobs in the MongoDB collection {@value #COLLECTION}. */
final class TrainingJobStore {
  static final String COLLECTION = "training_jobs";
  static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final MongoTemplate mongo;
  private final Clock clock;

  TrainingJobStore(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
  }

  TrainingJob create(String id, TrainingJobSpec spec, String launcher) {
    Date now = Date.from(clock.instant());
    mongo
        .getCollection(COLLECTION)
        .insertOne(
            new Document("_id", id)
                .append("authorId", spec.authorId())
                .append("state", JobState.QUEUED.name())
                .append("spec", json(spec))
                .append("launcher", launcher)
                .append("model", spec.modelName())
                .append("createdAt", now)
                .append("updatedAt", now));
    return find(id).orElseThrow();
  }

  Optional<TrainingJob> find(String id) {
    return Optional.ofNullable(mongo.findOne(byId(id), Document.class, COLLECTION)).map(this::job);
  }

  List<TrainingJob> byAuthor(String authorId) {
    return mongo
        .find(
            new Query(Criteria.where("authorId").is(authorId))
                .with(Sort.by(Sort.Direction.DESC, "createdAt")),
            Document.class,
            COLLECTION)
        .stream()
        .map(this::job)
        .toList();
  }

  List<TrainingJob> inState(JobState... states) {
    List<String> names = java.util.Arrays.stream(states).map(Enum::name).toList();
    return mongo
        .find(new Query(Criteria.where("state").in(names)), Document.class, COLLECTION)
        .stream()
        .map(this::job)
        .toList();
  }

  void state(String id, JobState state, String reason) {
    Update u = new Update().set("state", state.name()).set("updatedAt", Date.from(clock.instant()));
    if (reason != null) {
      u.set("reason", reason);
    }
    mongo.updateFirst(byId(id), u, COLLECTION);
  }

  void succeeded(String id, Integer version) {
    mongo.updateFirst(
        byId(id),
        new Update()
            .set("state", JobState.SUCCEEDED.name())
            .set("registeredVersion", version)
            .set("updatedAt", Date.from(clock.instant())),
        COLLECTION);
  }

  void progress(String id, TrainingProgress p) {
    mongo.updateFirst(
        byId(id),
        new Update().set("progress", json(p)).set("updatedAt", Date.from(clock.instant())),
        COLLECTION);
  }

  void checkpoint(String id, String checkpoint) {
    mongo.updateFirst(byId(id), new Update().set("checkpoint", checkpoint), COLLECTION);
  }

  private static Query byId(String id) {
    return new Query(Criteria.where("_id").is(id));
  }

  private TrainingJob job(Document d) {
    String progress = d.getString("progress");
    return new TrainingJob(
        d.getString("_id"),
        d.getString("authorId"),
        JobState.valueOf(d.getString("state")),
        read(d.getString("spec"), TrainingJobSpec.class),
        d.getString("launcher"),
        progress == null ? null : read(progress, TrainingProgress.class),
        d.getString("reason"),
        d.getString("model"),
        d.getInteger("registeredVersion"),
        d.getString("checkpoint"),
        instant(d.getDate("createdAt")),
        instant(d.getDate("updatedAt")));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(String text, Class<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read stored " + type.getSimpleName(), e);
    }
  }
}
