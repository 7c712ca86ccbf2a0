package io.llmtwin.support;

import io.llmtwin.support.problem.ApiProblemException;
import io.llmtwin.support.security.ApiKeyPrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service using service-support, as every real service does. */
@SpringBootApplication
class SupportTestApplication {

  record Greeting(@NotBlank String name, @Max(10) int times) {}

  @RestController
  static class TestController {
    @GetMapping("/api/v1/whoami")
    Map<String, String> whoami(@AuthenticationPrincipal ApiKeyPrincipal principal) {
      return Map.of("authorId", principal.authorId());
    }

    @PostMapping("/api/v1/greetings")
    Map<String, Object> greet(@Valid @RequestBody Greeting greeting) {
      return Map.of("text", ("hello " + greeting.name() + " ").repeat(greeting.times()).trim());
    }

    @GetMapping("/api/v1/things/{id}")
    Map<String, String> thing(@PathVariable String id) {
      if (id.equals("busy")) {
        throw new ApiProblemException(
                HttpStatus.TOO_MANY_REQUESTS, "overloaded", "Overloaded", "try again later")
            .with("retryAfterSeconds", 3);
      }
      throw ApiProblemException.notFound("thing", id);
    }

    @GetMapping(value = "/api/v1/stream", produces = "text/event-stream")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream(
        @AuthenticationPrincipal ApiKeyPrincipal principal) {
      var emitter = new org.springframework.web.servlet.mvc.method.annotation.SseEmitter(10_000L);
      String author = principal.authorId();
      new Thread(
              () -> {
                try {
                  for (int i = 0; i < 3; i++) {
                    emitter.send(
                        org.springframework.web.servlet.mvc.method.annotation.SseEmitter.event()
                            .name("token")
                            .data(author + "-" + i));
                  }
                  emitter.complete();
                } catch (java.io.IOException e) {
                  emitter.completeWithError(e);
                }
              })
          .start();
      return emitter;
    }

    @GetMapping("/api/v1/broken")
    Map<String, String> broken() {
      throw new IllegalStateException("secret internal detail");
    }
  }
}
