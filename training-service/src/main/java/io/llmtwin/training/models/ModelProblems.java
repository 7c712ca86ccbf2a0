package io.llmtwin.training.models;

import io.llmtwin.registry.alias.AliasConflictException;
import io.llmtwin.registry.alias.RollbackNotPossibleException;
import io.llmtwin.registry.artifact.ArtifactCorruptedException;
import io.llmtwin.registry.artifact.ArtifactNotFoundException;
import io.llmtwin.registry.model.ModelNotFoundException;
import io.llmtwin.registry.model.VersionNotFoundException;
import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.problem.ProblemTypes;
import io.llmtwin.training.evaluation.EvaluationException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders model-registry, evaluation and gate failures of the models API as ProblemDetails, the
 * same way service-support renders an {@link ApiProblemException}.
 */
@RestControllerAdvice(assignableTypes = ModelController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ModelProblems {
  private static final Logger log = LoggerFactory.getLogger(ModelProblems.class);

  @ExceptionHandler(PromotionRefusedException.class)
  ResponseEntity<ProblemDetail> refused(PromotionRefusedException e, HttpServletRequest request) {
    return respond(
        problem(HttpStatus.CONFLICT, "promotion-refused", "Promotion refused", e)
            .with("model", e.model())
            .with("version", e.version())
            .with("alias", e.alias())
            .with("comparedWith", e.decision().against())
            .with("failedMetrics", e.decision().failedMetrics())
            .with("comparisons", e.decision().comparisons()),
        request);
  }

  @ExceptionHandler(ModelNotFoundException.class)
  ResponseEntity<ProblemDetail> modelNotFound(ModelNotFoundException e, HttpServletRequest r) {
    return respond(problem(HttpStatus.NOT_FOUND, "model-not-found", "Model not found", e), r);
  }

  @ExceptionHandler(VersionNotFoundException.class)
  ResponseEntity<ProblemDetail> versionNotFound(VersionNotFoundException e, HttpServletRequest r) {
    return respond(
        problem(HttpStatus.NOT_FOUND, "version-not-found", "Model version not found", e), r);
  }

  @ExceptionHandler(ArtifactNotFoundException.class)
  ResponseEntity<ProblemDetail> artifactNotFound(
      ArtifactNotFoundException e, HttpServletRequest r) {
    return respond(problem(HttpStatus.NOT_FOUND, "artifact-not-found", "Artifact not found", e), r);
  }

  @ExceptionHandler(ArtifactCorruptedException.class)
  ResponseEntity<ProblemDetail> corrupted(ArtifactCorruptedException e, HttpServletRequest r) {
    log.error("corrupted artifact: {}", e.getMessage());
    return respond(
        problem(HttpStatus.INTERNAL_SERVER_ERROR, "artifact-corrupted", "Artifact corrupted", e),
        r);
  }

  @ExceptionHandler(AliasConflictException.class)
  ResponseEntity<ProblemDetail> conflict(AliasConflictException e, HttpServletRequest r) {
    return respond(
        problem(HttpStatus.CONFLICT, "alias-conflict", "Alias changed concurrently", e), r);
  }

  @ExceptionHandler(RollbackNotPossibleException.class)
  ResponseEntity<ProblemDetail> noRollback(RollbackNotPossibleException e, HttpServletRequest r) {
    return respond(
        problem(HttpStatus.CONFLICT, "rollback-not-possible", "Rollback not possible", e), r);
  }

  @ExceptionHandler(EvaluationException.class)
  ResponseEntity<ProblemDetail> evaluationFailed(EvaluationException e, HttpServletRequest r) {
    return respond(
        problem(HttpStatus.UNPROCESSABLE_ENTITY, "evaluation-failed", "Evaluation not possible", e),
        r);
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e, HttpServletRequest r) {
    return respond(ApiProblemException.invalid(e.getMessage()), r);
  }

  private static ApiProblemException problem(
      HttpStatus status, String slug, String title, RuntimeException e) {
    return new ApiProblemException(status, slug, title, e.getMessage());
  }

  private static ResponseEntity<ProblemDetail> respond(
      ApiProblemException e, HttpServletRequest request) {
    ProblemDetail problem = ProblemTypes.problem(e.status(), e.type(), e.title(), e.detail());
    e.properties().forEach(problem::setProperty);
    problem.setInstance(URI.create(request.getRequestURI()));
    return ResponseEntity.status(e.status()).body(problem);
  }
}
