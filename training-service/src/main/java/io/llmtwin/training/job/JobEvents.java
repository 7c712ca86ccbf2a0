package io.llmtwin.training.job;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events per job: {@code progress} (step, loss, tokens/s, ETA) and {@code state}
 * events; the stream completes after a terminal state.
 */
final class JobEvents {
  private final Map<String, List<SseEmitter>> emitters = new ConcurrentHashMap<>();

  SseEmitter subscribe(TrainingJob job) {
    SseEmitter emitter = new SseEmitter(0L);
    if (job.progress() != null) {
      send(emitter, "progress", job.progress());
    }
    send(emitter, "state", stateOf(job.state(), job.reason(), job.registeredVersion()));
    if (job.state().terminal()) {
      emitter.complete();
      return emitter;
    }
    List<SseEmitter> list = emitters.computeIfAbsent(job.id(), k -> new CopyOnWriteArrayList<>());
    list.add(emitter);
    emitter.onCompletion(() -> list.remove(emitter));
    emitter.onTimeout(() -> list.remove(emitter));
    emitter.onError(e -> list.remove(emitter));
    return emitter;
  }

  void progress(String jobId, TrainingProgress progress) {
    emitters.getOrDefault(jobId, List.of()).forEach(e -> send(e, "progress", progress));
  }

  void state(String jobId, JobState state, String reason, Integer version) {
    List<SseEmitter> list = emitters.getOrDefault(jobId, List.of());
    list.forEach(e -> send(e, "state", stateOf(state, reason, version)));
    if (state.terminal()) {
      list.forEach(SseEmitter::complete);
      emitters.remove(jobId);
    }
  }

  private static Map<String, Object> stateOf(JobState state, String reason, Integer version) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("state", state.name());
    if (reason != null) {
      m.put("reason", reason);
    }
    if (version != null) {
      m.put("registeredVersion", version);
    }
    return m;
  }

  private static void send(SseEmitter emitter, String name, Object data) {
    try {
      emitter.send(SseEmitter.event().name(name).data(TrainingJobStore.json(data)));
    } catch (IOException | IllegalStateException e) {
      emitter.completeWithError(e);
    }
  }
}
