package io.llmtwin.training.job;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** {@code /api/v1/training-jobs}: submit, inspect, follow and cancel training jobs. */
@RestController
@RequestMapping("/api/v1/training-jobs")
class TrainingJobController {
  private final TrainingJobService jobs;

  TrainingJobController(TrainingJobService jobs) {
    this.jobs = jobs;
  }

  @PostMapping
  ResponseEntity<TrainingJob> submit(
      @RequestBody TrainingJobSpec spec, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    if (spec.authorId() != null && !principal.mayActFor(spec.authorId())) {
      throw ApiProblemException.forbiddenAuthor(spec.authorId());
    }
    TrainingJob job = jobs.submit(spec);
    return ResponseEntity.accepted()
        .location(URI.create("/api/v1/training-jobs/" + job.id()))
        .body(job);
  }

  @GetMapping
  List<TrainingJob> list(@AuthenticationPrincipal ApiKeyPrincipal principal) {
    return jobs.list(principal.authorId());
  }

  @GetMapping("/{id}")
  TrainingJob get(@PathVariable String id, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    return visible(jobs.get(id), principal);
  }

  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(@PathVariable String id, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    visible(jobs.get(id), principal);
    return jobs.events(id);
  }

  @DeleteMapping("/{id}")
  TrainingJob cancel(@PathVariable String id, @AuthenticationPrincipal ApiKeyPrincipal principal) {
    visible(jobs.get(id), principal);
    return jobs.cancel(id);
  }

  private static TrainingJob visible(TrainingJob job, ApiKeyPrincipal principal) {
    if (!principal.mayActFor(job.authorId())) {
      throw ApiProblemException.notFound("training job", job.id());
    }
    return job;
  }
}
