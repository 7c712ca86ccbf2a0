package io.llmtwin.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a {@code text/event-stream} body and hands every complete event to a listener. */
public final class ServerSentEvents {

  /** Receives events; returning false stops reading. */
  @FunctionalInterface
  public interface Listener {
    /** One event; {@code event} is {@code message} when the stream named none. */
    boolean onEvent(String event, String data);
  }

  private ServerSentEvents() {}

  /** Reads until the stream ends or the listener returns false. */
  public static void read(InputStream body, Listener listener) throws IOException {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = null;
      StringBuilder data = new StringBuilder();
      boolean hasData = false;
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isEmpty()) {
          if (hasData && !listener.onEvent(event == null ? "message" : event, data.toString())) {
            return;
          }
          event = null;
          data.setLength(0);
          hasData = false;
        } else if (line.startsWith(":")) {
          continue;
        } else {
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          if (value.startsWith(" ")) {
            value = value.substring(1);
          }
          if (field.equals("event")) {
            event = value;
          } else if (field.equals("data")) {
            if (hasData) {
              data.append('\n');
            }
            data.append(value);
            hasData = true;
          }
        }
      }
      if (hasData) {
        listener.onEvent(event == null ? "message" : event, data.toString());
      }
    }
  }
}
