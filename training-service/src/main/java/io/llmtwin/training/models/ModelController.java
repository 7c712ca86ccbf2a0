package io.llmtwin.training.models;

import io.llmtwin.registry.alias.AliasNames;
import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.alias.AliasTarget;
import io.llmtwin.registry.model.ModelNotFoundException;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.model.ModelVersion;
import io.llmtwin.registry.model.RegisteredModel;
import io.llmtwin.registry.model.VersionArtifact;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import io.llmtwin.training.evaluation.EvaluationReport;
import io.llmtwin.training.evaluation.ModelEvaluator;
import io.llmtwin.training.models.ModelViews.AliasEvent;
import io.llmtwin.training.models.ModelViews.ModelSummary;
import io.llmtwin.training.models.ModelViews.PromoteRequest;
import io.llmtwin.training.models.ModelViews.RollbackRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/v1/models}: registered models, versions, artifacts (streamed, SHA-256 verified),
 * evaluations, promotions through the gate, alias removal, rollback and alias history. Errors are
 * ProblemDetails (see {@code docs/api/problems.md}); who moved an alias is the caller's author id.
 */
@RestController
@RequestMapping("/api/v1/models")
class ModelController {
  private final ModelRegistry registry;
  private final AliasRegistry aliases;
  private final ModelEvaluator evaluator;
  private final ModelPromotions promotions;

  ModelController(
      ModelRegistry registry,
      AliasRegistry aliases,
      ModelEvaluator evaluator,
      ModelPromotions promotions) {
    this.registry = registry;
    this.aliases = aliases;
    this.evaluator = evaluator;
    this.promotions = promotions;
  }

  @GetMapping
  List<ModelSummary> models() {
    return registry.models().stream().map(this::summary).toList();
  }

  @GetMapping("/{model}")
  ModelSummary model(@PathVariable String model) {
    return summary(registry.findModel(model).orElseThrow(() -> new ModelNotFoundException(model)));
  }

  @GetMapping("/{model}/versions")
  List<ModelVersion> versions(@PathVariable String model) {
    registry.findModel(model).orElseThrow(() -> new ModelNotFoundException(model));
    return registry.versions(model);
  }

  @GetMapping("/{model}/versions/{ref}")
  ModelVersion version(@PathVariable String model, @PathVariable String ref) {
    return registry.version(model, ref);
  }

  /**
   * Streams an artifact. Its bytes are checked against the SHA-256 recorded on the version before
   * the response starts (a corrupted artifact is a ProblemDetail, not a truncated download), and
   * again while streaming.
   */
  @GetMapping("/{model}/versions/{ref}/artifacts/{*name}")
  ResponseEntity<StreamingResponseBody> artifact(
      @PathVariable String model, @PathVariable String ref, @PathVariable String name)
      throws IOException {
    String artifactName = name.startsWith("/") ? name.substring(1) : name;
    ModelVersion version = registry.version(model, ref);
    VersionArtifact artifact =
        version
            .artifact(artifactName)
            .orElseThrow(
                () ->
                    new ApiProblemException(
                            org.springframework.http.HttpStatus.NOT_FOUND,
                            "artifact-not-found",
                            "Artifact not found",
                            model + " " + version.name() + " has no artifact " + artifactName)
                        .with("artifact", artifactName));
    try (InputStream in = registry.openArtifact(model, version.name(), artifact.name())) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String fileName = artifact.name().substring(artifact.name().lastIndexOf('/') + 1);
    StreamingResponseBody body =
        out -> {
          try (InputStream in = registry.openArtifact(model, version.name(), artifact.name())) {
            in.transferTo(out);
          }
        };
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .contentLength(artifact.sizeBytes())
        .eTag("\"" + artifact.sha256() + "\"")
        .header("X-Checksum-SHA256", artifact.sha256())
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
        .body(body);
  }

  @PostMapping("/{model}/versions/{ref}/evaluations")
  EvaluationReport evaluate(
      @PathVariable String model,
      @PathVariable String ref,
      @RequestParam(required = false) String dataset,
      @RequestParam(defaultValue = "false") boolean rerun) {
    return evaluator.evaluate(model, ref, dataset, rerun);
  }

  @GetMapping("/{model}/versions/{ref}/evaluations")
  List<EvaluationReport> evaluations(@PathVariable String model, @PathVariable String ref) {
    return evaluator.reports(model, ref);
  }

  @PostMapping("/{model}/versions/{ref}/aliases/{alias}")
  AliasEvent promote(
      @PathVariable String model,
      @PathVariable String ref,
      @PathVariable String alias,
      @RequestBody(required = false) PromoteRequest request,
      @AuthenticationPrincipal ApiKeyPrincipal principal) {
    PromoteRequest r = request == null ? new PromoteRequest(null, false) : request;
    boolean force = Boolean.TRUE.equals(r.force());
    if (force && (r.reason() == null || r.reason().isBlank())) {
      throw ApiProblemException.invalid("a forced promotion needs a reason");
    }
    return AliasEvent.of(
        promotions.promote(model, ref, alias, principal.authorId(), r.reason(), force));
  }

  @DeleteMapping("/{model}/aliases/{alias}")
  AliasEvent removeAlias(
      @PathVariable String model,
      @PathVariable String alias,
      @RequestParam(required = false) String reason,
      @AuthenticationPrincipal ApiKeyPrincipal principal) {
    AliasNames.requireValid(alias);
    if (aliases.target(model, alias).isEmpty()) {
      registry.findModel(model).orElseThrow(() -> new ModelNotFoundException(model));
      throw aliasNotFound(model, alias);
    }
    return AliasEvent.of(promotions.remove(model, alias, principal.authorId(), reason));
  }

  @PostMapping("/{model}/rollback")
  AliasEvent rollback(
      @PathVariable String model,
      @RequestBody(required = false) RollbackRequest request,
      @AuthenticationPrincipal ApiKeyPrincipal principal) {
    RollbackRequest r = request == null ? new RollbackRequest(null, null) : request;
    String alias = r.alias() == null || r.alias().isBlank() ? AliasNames.ACCEPTED : r.alias();
    AliasNames.requireValid(alias);
    return AliasEvent.of(promotions.rollback(model, alias, principal.authorId(), r.reason()));
  }

  @GetMapping("/{model}/aliases/{alias}/history")
  List<AliasEvent> aliasHistory(@PathVariable String model, @PathVariable String alias) {
    AliasNames.requireValid(alias);
    registry.findModel(model).orElseThrow(() -> new ModelNotFoundException(model));
    return aliases.history(model, alias).stream().map(AliasEvent::of).toList();
  }

  @GetMapping("/{model}/history")
  List<AliasEvent> history(@PathVariable String model) {
    registry.findModel(model).orElseThrow(() -> new ModelNotFoundException(model));
    return aliases.history(model).stream().map(AliasEvent::of).toList();
  }

  private ModelSummary summary(RegisteredModel m) {
    Map<String, Integer> targets = new LinkedHashMap<>();
    for (AliasTarget t : aliases.aliases(m.name())) {
      targets.put(t.alias(), t.version());
    }
    return new ModelSummary(m.name(), m.description(), m.createdAt(), m.lastVersion(), targets);
  }

  private static ApiProblemException aliasNotFound(String model, String alias) {
    return new ApiProblemException(
            org.springframework.http.HttpStatus.NOT_FOUND,
            "alias-not-found",
            "Alias not found",
            "alias " + alias + " of " + model + " points at no version")
        .with("alias", alias);
  }
}
