package io.llmtwin.training.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmtwin.registry.alias.AliasMoved;
import io.llmtwin.registry.mirror.RegistryMirror;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.training.tracking.CometRestClient;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors the model registry into Comet's model registry over its REST API, through the same {@link
 * CometRestClient} as the experiment tracker. For each registered version: an experiment {@code
 * <model>/v<n>} with the hyperparameters, metrics (at step 0), lineage and artifact digests, a
 * {@code model-element} asset (the artifact manifest, not the weights) under the model's name, and
 * a registry-model version {@code <n>.0.0} created from that experiment model ({@code POST
 * …/write/registry-model} for the first version, {@code …/write/registry-model/item} after). For
 * each alias move: the alias as a stage of the new holder ({@code GET
 * …/write/registry-model/item/stage?modelItemId=…&stage=<alias>}). Comet's copy is informational;
 * this registry's alias history stays authoritative (Comet keeps a stage on every version that ever
 * held it, and removals are not mirrored).
 */
public final class CometRegistryMirror implements RegistryMirror {
  private static final Logger log = LoggerFactory.getLogger(CometRegistryMirror.class);
  private static final String WRITE = CometRestClient.WRITE;
  private static final String READ = CometRestClient.READ;

  private final CometRestClient client;
  private final String workspace;
  private final String project;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, String> itemIds = new ConcurrentHashMap<>();

  /** Mirrors into {@code workspace}, logging experiments in {@code project}. */
  public CometRegistryMirror(
      CometRestClient client, String workspace, String project, Clock clock) {
    this.client = client;
    this.workspace = workspace;
    this.project = project;
    this.clock = clock;
  }

  /** Comet registry names: lower-case letters, digits and dashes. */
  static String registryName(String model) {
    return model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  @Override
  public void versionRegistered(ModelVersion version) {
    String name = registryName(version.model());
    String key =
        client.createExperiment(workspace, project, version.model() + "/" + version.name());
    version.hyperparameters().forEach((k, v) -> client.logParameter(key, k, v, null));
    version.metrics().forEach((k, v) -> client.logMetric(key, k, v, 0L, clock.millis()));
    Map<String, String> other = new LinkedHashMap<>();
    other.put("registry.model", version.model());
    other.put("registry.version", version.name());
    other.put("base_model", String.valueOf(version.lineage().baseModel()));
    other.put("dataset_version", String.valueOf(version.lineage().datasetVersion()));
    other.put("git_commit", version.gitCommit());
    for (VersionArtifact a : version.artifacts()) {
      other.put("artifact." + a.name(), a.sha256());
    }
    other.forEach((k, v) -> client.logOther(key, k, v == null ? "" : v, null));
    client.postFile(
        WRITE
            + "experiment/upload-asset?experimentKey="
            + enc(key)
            + "&fileName=registry-manifest.json&type=model-element&groupingName="
            + enc(name),
        "registry-manifest.json",
        manifest(version));
    String experimentModelId = "";
    for (JsonNode m :
        client.get(READ + "experiment/model?experimentKey=" + enc(key)).path("models")) {
      if (m.path("modelName").asText().equals(name)) {
        experimentModelId = m.path("experimentModelId").asText("");
      }
    }
    if (experimentModelId.isEmpty()) {
      throw new CometRestClient.CometException(
          "Comet lists no experiment model " + name + " for experiment " + key);
    }
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("experimentModelId", experimentModelId);
    item.put("registryModelName", name);
    item.put("version", version.number() + ".0.0");
    item.put("comment", version.description());
    item.put("stages", List.of());
    JsonNode answer;
    if (registered(name)) {
      answer = client.post(WRITE + "registry-model/item", item);
    } else {
      item.put("workspaceName", workspace);
      item.put(
          "description", "LLM twin " + version.model() + " (mirrored from the llmtwin registry)");
      item.put("isPublic", false);
      answer = client.post(WRITE + "registry-model", item);
    }
    String itemId = answer.path("registryModelItemId").asText("");
    if (!itemId.isEmpty()) {
      itemIds.put(version.model() + ":" + version.number(), itemId);
    }
    client.stopExperiment(key);
    log.info(
        "mirrored {} {} to Comet's registry as {} {}.0.0",
        version.model(),
        version.name(),
        name,
        version.number());
  }

  @Override
  public void aliasMoved(AliasMoved event) {
    if (event.toVersion() == null) {
      log.info(
          "alias {} of {} removed; Comet stages are not removed by the mirror",
          event.alias(),
          event.model());
      return;
    }
    String itemId = itemId(event.model(), event.toVersion());
    client.get(
        WRITE
            + "registry-model/item/stage?modelItemId="
            + enc(itemId)
            + "&stage="
            + enc(event.alias()));
  }

  private String itemId(String model, int version) {
    String known = itemIds.get(model + ":" + version);
    if (known != null) {
      return known;
    }
    JsonNode details =
        client.get(
            READ
                + "registry-model/details?workspaceName="
                + enc(workspace)
                + "&modelName="
                + enc(registryName(model)));
    for (JsonNode v : details.path("versions")) {
      if (v.path("version").asText().equals(version + ".0.0")) {
        String id = v.path("registryModelItemId").asText("");
        if (!id.isEmpty()) {
          itemIds.put(model + ":" + version, id);
          return id;
        }
      }
    }
    throw new CometRestClient.CometException(
        "Comet's registry has no version " + version + ".0.0 of " + registryName(model));
  }

  private boolean registered(String name) {
    for (JsonNode m :
        client
            .get(READ + "registry-model?workspaceName=" + enc(workspace))
            .path("registryModels")) {
      if (m.path("modelName").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private byte[] manifest(ModelVersion version) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", version.model());
    m.put("version", version.number());
    m.put("baseModel", version.lineage().baseModel());
    m.put("datasetVersion", version.lineage().datasetVersion());
    m.put(
        "artifacts",
        version.artifacts().stream()
            .map(a -> Map.of("name", a.name(), "size", a.sizeBytes(), "sha256", a.sha256()))
            .toList());
    try {
      return json.writeValueAsBytes(m);
    } catch (IOException e) {
      throw new CometRestClient.CometException("cannot encode the manifest: " + e.getMessage());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
