package io.llmtwin.inference.api;

import io.llmtwin.inference.monitoring.Endpoint;
import io.llmtwin.inference.monitoring.GenerationMonitor;
import io.llmtwin.inference.rag.TwinAnswer;
import io.llmtwin.inference.rag.TwinGeneration;
import io.llmtwin.inference.rag.TwinGenerationService;
import io.llmtwin.inference.rag.TwinRequest;
import io.llmtwin.support.security.ApiKeyPrincipal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * Streams a twin generation as Server-Sent Events, for every streaming endpoint: the endpoint gives
 * only its event format. Opening events go out before the first token, tokens as they come, then
 * the closing events of a success or a failure; a client that goes away cancels the generation.
 */
public final class TwinEventStream {
  private static final Logger log = LoggerFactory.getLogger(TwinEventStream.class);

  /** The events of one endpoint's stream format. */
  public interface Format {
    /** Sent before the first token (and before the closing events when there is none). */
    default List<SseEventBuilder> opening() {
      return List.of();
    }

    /** One streamed text piece. */
    SseEventBuilder token(String piece);

    /** The closing events of a finished generation. */
    List<SseEventBuilder> done(TwinAnswer answer);

    /** The closing events of a failed one (the cause is logged, never sent). */
    List<SseEventBuilder> failed();
  }

  private final SseEmitter emitter;
  private final Format format;
  private boolean opened;

  private TwinEventStream(SseEmitter emitter, Format format) {
    this.emitter = emitter;
    this.format = format;
  }

  /**
   * Builds the request and starts the generation through {@code monitor} (a refused request throws
   * its problem before anything is streamed), then streams it in {@code format}.
   */
  public static SseEmitter start(
      TwinGenerationService twin,
      GenerationMonitor monitor,
      Endpoint endpoint,
      ApiKeyPrincipal caller,
      Supplier<TwinRequest> request,
      Format format) {
    SseEmitter emitter =
        new SseEmitter(Duration.ofSeconds(twin.properties().streamTimeoutSeconds()).toMillis());
    TwinEventStream stream = new TwinEventStream(emitter, format);
    TwinGeneration generation =
        monitor.start(
            endpoint,
            caller,
            request,
            built ->
                twin.start(
                    built,
                    piece -> {
                      try {
                        stream.open();
                        emitter.send(format.token(piece));
                      } catch (IOException e) {
                        // the client went away: throwing cancels the generation
                        throw new UncheckedIOException("client disconnected", e);
                      }
                    }));
    try {
      stream.open(); // the opening events go out at once, not only with the first token
    } catch (IOException e) {
      generation.cancel();
      throw new UncheckedIOException("client disconnected", e);
    }
    emitter.onCompletion(generation::cancel);
    emitter.onTimeout(generation::cancel);
    emitter.onError(e -> generation.cancel());
    generation
        .answer()
        .whenComplete(
            (answer, failure) -> {
              try {
                stream.open();
                List<SseEventBuilder> closing;
                if (failure != null) {
                  log.warn("streamed generation on {} failed", endpoint.tag(), failure);
                  closing = format.failed();
                } else {
                  closing = format.done(answer);
                }
                for (SseEventBuilder event : closing) {
                  emitter.send(event);
                }
                emitter.complete();
              } catch (IOException | IllegalStateException e) {
                log.debug("stream closed before its closing events: {}", e.toString());
              }
            });
    return emitter;
  }

  /** Sends the opening events once, before anything else, whichever thread gets here first. */
  private synchronized void open() throws IOException {
    if (!opened) {
      opened = true;
      for (SseEventBuilder event : format.opening()) {
        emitter.send(event);
      }
    }
  }
}
