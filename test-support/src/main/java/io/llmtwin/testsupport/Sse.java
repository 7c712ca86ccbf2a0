package io.llmtwin.testsupport;

import java.util.ArrayList;
import java.util.List;

/** Parses a text/event-stream body into events: the one SSE reader every service's ITs use. */
public final class Sse {
  /** One event: its name ({@code message} when none was given) and its data lines joined. */
  public record Event(String name, String data) {}

  private Sse() {}

  /** The events of a whole stream body. */
  public static List<Event> parse(String body) {
    List<Event> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : (body + "\n\n").split("\r?\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new Event(name == null ? "message" : name, data.toString()));
        }
        name = null;
        data = null;
      } else if (line.startsWith("event:")) {
        name = value(line, "event:");
      } else if (line.startsWith("data:")) {
        data = data == null ? new StringBuilder() : data.append('\n');
        data.append(value(line, "data:"));
      }
    }
    return events;
  }

  private static String value(String line, String field) {
    String value = line.substring(field.length());
    return value.startsWith(" ") ? value.substring(1) : value;
  }
}
