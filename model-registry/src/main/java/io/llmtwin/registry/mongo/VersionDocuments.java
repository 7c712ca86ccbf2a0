package io.llmtwin.registry.mongo;

import io.llmtwin.registry.model.Lineage;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.RegisteredModel;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.registry.model.VersionSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** Maps models and versions to and from their MongoDB documents. */
final class VersionDocuments {

  private VersionDocuments() {}

  static String versionId(String model, int number) {
    return model + ":v" + number;
  }

  static Document toDocument(
      String model, int number, VersionSpec spec, List<VersionArtifact> artifacts, Instant now) {
    List<Document> artifactDocs = new ArrayList<>();
    for (VersionArtifact a : artifacts) {
      artifactDocs.add(toDocument(a));
    }
    return new Document("_id", versionId(model, number))
        .append("model", model)
        .append("number", number)
        .append("baseModel", spec.baseModel())
        .append("datasetVersion", spec.datasetVersion())
        .append("parentVersion", spec.parentVersion())
        .append("hyperparameters", new Document(new TreeMap<>(spec.hyperparameters())))
        .append("metrics", new Document(new TreeMap<>(spec.metrics())))
        .append("gitCommit", spec.gitCommit())
        .append("description", spec.description())
        .append("createdBy", spec.createdBy())
        .append("owner", spec.owner())
        .append("createdAt", Date.from(now))
        .append("artifacts", artifactDocs);
  }

  static Document toDocument(VersionArtifact a) {
    return new Document("name", a.name())
        .append("key", a.key())
        .append("size", a.sizeBytes())
        .append("sha256", a.sha256());
  }

  static ModelVersion toVersion(Document d) {
    Map<String, String> hyperparameters = new TreeMap<>();
    d.get("hyperparameters", new Document())
        .forEach((k, v) -> hyperparameters.put(k, String.valueOf(v)));
    Map<String, Double> metrics = new TreeMap<>();
    d.get("metrics", new Document()).forEach((k, v) -> metrics.put(k, ((Number) v).doubleValue()));
    List<VersionArtifact> artifacts = new ArrayList<>();
    for (Document a : d.getList("artifacts", Document.class, List.of())) {
      artifacts.add(
          new VersionArtifact(
              a.getString("name"),
              a.getString("key"),
              ((Number) a.get("size")).longValue(),
              a.getString("sha256")));
    }
    artifacts.sort((x, y) -> x.name().compareTo(y.name()));
    return new ModelVersion(
        d.getString("model"),
        ((Number) d.get("number")).intValue(),
        new Lineage(
            d.getString("baseModel"),
            d.getString("datasetVersion"),
            d.get("parentVersion") == null ? null : ((Number) d.get("parentVersion")).intValue()),
        hyperparameters,
        metrics,
        d.getString("gitCommit"),
        d.getString("description"),
        d.getString("createdBy"),
        d.getDate("createdAt").toInstant(),
        artifacts);
  }

  static RegisteredModel toModel(Document d, int lastVersion) {
    return new RegisteredModel(
        d.getString("_id"),
        d.get("description", ""),
        d.getDate("createdAt").toInstant(),
        lastVersion,
        d.getString("owner"));
  }
}
