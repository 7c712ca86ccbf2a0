package io.llmtwin.training.tracking;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/experiments}: the caller's runs in the local tracker. */
@RestController
@RequestMapping("/api/v1/experiments")
class ExperimentController {
  private final MongoExperimentTracker tracker;

  ExperimentController(MongoExperimentTracker tracker) {
    this.tracker = tracker;
  }

  @GetMapping
  List<Experiment> list(@AuthenticationPrincipal ApiKeyPrincipal principal) {
    return tracker.list(principal.authorId());
  }

  @GetMapping("/{id}")
  Experiment get(@PathVariable String id, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    return tracker
        .find(id)
        .filter(e -> principal.mayActFor(e.authorId()))
        .orElseThrow(() -> ApiProblemException.notFound("experiment", id));
  }
}
