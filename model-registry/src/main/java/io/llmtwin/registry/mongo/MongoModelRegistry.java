package io.llmtwin.registry.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.llmtwin.registry.RegistryCollections;
import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.artifact.StoredArtifact;
import io.llmtwin.registry.model.ModelNotFoundException;
import io.llmtwin.registry.model.ModelOwnedByAnotherException;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.RegisteredModel;
import io.llmtwin.registry.model.RegistrationFailedException;
import io.llmtwin.registry.model.RegistryNames;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.registry.model.VersionNotFoundException;
import io.llmtwin.registry.model.VersionSpec;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@link ModelRegistry} on MongoDB, with artifacts in an {@link ArtifactStore}.
 *
 * <p>A version is claimed by inserting its document with the id {@code <model>:v<n>}, n being one
 * more than the highest existing number; a concurrent registration that claimed the same n makes
 * the insert fail with a duplicate key and this one retries with the next number. Only that
 * single-document insert is relied on (atomic on MongoDB and on mongo-java-server, which lacks
 * transactions and serialises nothing else). The claim happens after all artifacts are stored, so
 * the version becomes visible complete, in one write; a failed upload leaves no version and burns
 * no number. Artifacts live under {@code models/<model>/<upload-id>/<name>}.
 */
public final class MongoModelRegistry implements ModelRegistry {

  private static final Logger log = LoggerFactory.getLogger(MongoModelRegistry.class);
  private static final int MAX_CLAIM_ATTEMPTS = 1000;
  private static final Pattern VERSION_REF = Pattern.compile("v?([0-9]{1,9})");

  private final MongoCollection<Document> models;
  private final MongoCollection<Document> versions;
  private final MongoCollection<Document> aliasHistory;
  private final ArtifactStore artifacts;
  private final Clock clock;
  private final RegistryIndexes indexes;

  /** Creates the registry on the template's database (indexes are created on the first write). */
  public MongoModelRegistry(MongoTemplate mongo, ArtifactStore artifacts, Clock clock) {
    this.models = mongo.getCollection(RegistryCollections.MODELS);
    this.versions = mongo.getCollection(RegistryCollections.VERSIONS);
    this.aliasHistory = mongo.getCollection(RegistryCollections.ALIAS_HISTORY);
    this.artifacts = artifacts;
    this.clock = clock;
    this.indexes = new RegistryIndexes(mongo);
  }

  @Override
  public RegisteredModel createModel(String name, String description) {
    RegistryNames.requireValidModel(name);
    ensureModel(name, null);
    models.updateOne(
        Filters.eq("_id", name),
        Updates.set("description", description == null ? "" : description));
    return findModel(name).orElseThrow(() -> new ModelNotFoundException(name));
  }

  @Override
  public Optional<RegisteredModel> findModel(String name) {
    return Optional.ofNullable(models.find(Filters.eq("_id", name)).first())
        .map(d -> VersionDocuments.toModel(d, highestNumber(name)));
  }

  @Override
  public List<RegisteredModel> models() {
    List<RegisteredModel> result = new ArrayList<>();
    models
        .find()
        .sort(Sorts.ascending("_id"))
        .forEach(d -> result.add(VersionDocuments.toModel(d, highestNumber(d.getString("_id")))));
    return result;
  }

  @Override
  public ModelVersion register(String model, VersionSpec spec, Map<String, Path> files) {
    RegistryNames.requireValidModel(model);
    files.keySet().forEach(RegistryNames::requireValidArtifactName);
    indexes.ensure();
    ensureModel(model, spec.owner());
    if (spec.owner() != null) {
      claimOwnership(model, spec.owner());
    }
    if (spec.parentVersion() != null) {
      requireVersionDocument(model, spec.parentVersion());
    }
    String upload = UUID.randomUUID().toString();
    List<VersionArtifact> stored = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> file : new TreeMap<>(files).entrySet()) {
        String key = "models/" + model + "/" + upload + "/" + file.getKey();
        StoredArtifact artifact = artifacts.put(key, file.getValue());
        stored.add(
            new VersionArtifact(file.getKey(), key, artifact.sizeBytes(), artifact.sha256()));
      }
      Document document = claimNextVersion(model, spec, stored);
      int number = document.getInteger("number");
      log.info("Registered {} {} with {} artifacts", model, "v" + number, stored.size());
      return VersionDocuments.toVersion(document);
    } catch (RuntimeException e) {
      deleteQuietly(stored);
      throw new RegistrationFailedException(
          "Registering a version of '" + model + "' failed: " + e.getMessage(), e);
    }
  }

  @Override
  public ModelVersion version(String model, String ref) {
    if (findModel(model).isEmpty()) {
      throw new ModelNotFoundException(model);
    }
    if (ref == null || ref.isBlank()) {
      throw new VersionNotFoundException(model, String.valueOf(ref));
    }
    if (ref.equals("latest")) {
      Document latest =
          versions.find(Filters.eq("model", model)).sort(Sorts.descending("number")).first();
      if (latest == null) {
        throw new VersionNotFoundException(model, ref);
      }
      return VersionDocuments.toVersion(latest);
    }
    Matcher number = VERSION_REF.matcher(ref);
    if (number.matches()) {
      return VersionDocuments.toVersion(
          requireVersionDocument(model, Integer.parseInt(number.group(1)), ref));
    }
    if (AliasNames.isValid(ref)) {
      Document event = AliasLog.latest(aliasHistory, model, ref);
      if (event != null && event.get("to") != null) {
        return VersionDocuments.toVersion(
            requireVersionDocument(model, ((Number) event.get("to")).intValue(), ref));
      }
    }
    throw new VersionNotFoundException(model, ref);
  }

  @Override
  public List<ModelVersion> versions(String model) {
    if (findModel(model).isEmpty()) {
      throw new ModelNotFoundException(model);
    }
    List<ModelVersion> result = new ArrayList<>();
    versions
        .find(Filters.eq("model", model))
        .sort(Sorts.ascending("number"))
        .forEach(d -> result.add(VersionDocuments.toVersion(d)));
    return result;
  }

  @Override
  public ModelVersion recordMetrics(String model, int number, Map<String, Double> metrics) {
    requireVersionDocument(model, number);
    List<Bson> updates = new ArrayList<>();
    metrics.forEach(
        (name, value) -> {
          RegistryNames.requireValidField(name, "metric");
          if (value == null || value.isNaN()) {
            throw new IllegalArgumentException("metric '" + name + "' must be a number");
          }
          updates.add(Updates.set("metrics." + name, value));
        });
    if (updates.isEmpty()) {
      return version(model, number);
    }
    Document updated =
        versions.findOneAndUpdate(
            Filters.eq("_id", VersionDocuments.versionId(model, number)),
            Updates.combine(updates),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    if (updated == null) {
      throw new VersionNotFoundException(model, "v" + number);
    }
    return VersionDocuments.toVersion(updated);
  }

  @Override
  public VersionArtifact attachArtifact(
      String model, int number, String name, InputStream content) {
    RegistryNames.requireValidArtifactName(name);
    Document version = requireVersionDocument(model, number);
    if (VersionDocuments.toVersion(version).artifact(name).isPresent()) {
      throw new RegistrationFailedException(
          "Version " + model + " v" + number + " already has an artifact named '" + name + "'");
    }
    String key = "models/" + model + "/" + UUID.randomUUID() + "/" + name;
    StoredArtifact stored;
    try {
      stored = artifacts.put(key, content);
    } catch (RuntimeException e) {
      throw new RegistrationFailedException(
          "Storing artifact '" + name + "' of " + model + " v" + number + " failed", e);
    }
    VersionArtifact artifact = new VersionArtifact(name, key, stored.sizeBytes(), stored.sha256());
    // atomic: only attaches if no artifact of that name was attached meanwhile
    long matched =
        versions
            .updateOne(
                Filters.and(
                    Filters.eq("_id", VersionDocuments.versionId(model, number)),
                    Filters.ne("artifacts.name", name)),
                Updates.push("artifacts", VersionDocuments.toDocument(artifact)))
            .getModifiedCount();
    if (matched == 0) {
      deleteQuietly(List.of(artifact));
      throw new RegistrationFailedException(
          "Version " + model + " v" + number + " already has an artifact named '" + name + "'");
    }
    return artifact;
  }

  @Override
  public InputStream openArtifact(String model, String ref, String name) {
    ModelVersion version = version(model, ref);
    VersionArtifact artifact =
        version
            .artifact(name)
            .orElseThrow(
                () ->
                    new VersionNotFoundException(
                        model, version.name() + " artifact '" + name + "'"));
    return artifacts.get(artifact.key(), artifact.sha256());
  }

  /**
   * Creates the model document if missing; a new model gets {@code owner} (when not null) in the
   * same insert, which is atomic on MongoDB and on the stand-in alike.
   */
  private void ensureModel(String model, String owner) {
    List<Bson> onInsert = new ArrayList<>();
    onInsert.add(Updates.setOnInsert("createdAt", Date.from(clock.instant())));
    onInsert.add(Updates.setOnInsert("description", ""));
    onInsert.add(Updates.setOnInsert("lastVersion", 0));
    if (owner != null) {
      onInsert.add(Updates.setOnInsert("owner", owner));
    }
    try {
      models.updateOne(
          Filters.eq("_id", model), Updates.combine(onInsert), new UpdateOptions().upsert(true));
    } catch (MongoException e) {
      // two first registrations raced on the upsert: the other one created it
      if (!MongoErrors.isDuplicateKey(e)) {
        throw e;
      }
    }
  }

  /**
   * Records {@code owner} on a model that has none (a model created before owners were recorded)
   * and refuses an owner other than the recorded one. The claim is a conditional update: atomic on
   * MongoDB; on mongo-java-server two simultaneous first claims of the same unowned model could
   * both pass (training-service checks ownership before registering, so this needs two authors
   * racing for one legacy model).
   */
  private void claimOwnership(String model, String owner) {
    models.updateOne(
        Filters.and(
            Filters.eq("_id", model),
            Filters.or(Filters.exists("owner", false), Filters.eq("owner", null))),
        Updates.set("owner", owner));
    Document current = models.find(Filters.eq("_id", model)).first();
    String recorded = current == null ? null : current.getString("owner");
    if (recorded != null && !recorded.equals(owner)) {
      throw new ModelOwnedByAnotherException(model, recorded, owner);
    }
  }

  private Document claimNextVersion(String model, VersionSpec spec, List<VersionArtifact> stored) {
    for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
      int number = highestNumber(model) + 1;
      Document document =
          VersionDocuments.toDocument(
              model, number, spec, stored, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      try {
        versions.insertOne(document);
      } catch (MongoException e) {
        if (MongoErrors.isDuplicateKey(e)) {
          continue; // another registration claimed this number: take the next one
        }
        throw e;
      }
      models.updateOne(Filters.eq("_id", model), Updates.max("lastVersion", number));
      return document;
    }
    throw new RegistrationFailedException(
        "Too many concurrent registrations of '" + model + "': gave up claiming a version number");
  }

  private int highestNumber(String model) {
    Document latest =
        versions.find(Filters.eq("model", model)).sort(Sorts.descending("number")).limit(1).first();
    return latest == null ? 0 : ((Number) latest.get("number")).intValue();
  }

  private Document requireVersionDocument(String model, int number) {
    return requireVersionDocument(model, number, "v" + number);
  }

  private Document requireVersionDocument(String model, int number, String ref) {
    Document document =
        versions.find(Filters.eq("_id", VersionDocuments.versionId(model, number))).first();
    if (document == null) {
      if (findModel(model).isEmpty()) {
        throw new ModelNotFoundException(model);
      }
      throw new VersionNotFoundException(model, ref);
    }
    return document;
  }

  private void deleteQuietly(List<VersionArtifact> uploaded) {
    for (VersionArtifact artifact : uploaded) {
      try {
        artifacts.delete(artifact.key());
      } catch (RuntimeException e) {
        log.warn("Could not delete orphaned artifact {}: {}", artifact.key(), e.getMessage());
      }
    }
  }
}
