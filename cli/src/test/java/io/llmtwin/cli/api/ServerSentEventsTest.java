package io.llmtwin.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {

  private static List<String> read(String body, int stopAfter) throws Exception {
    List<String> events = new ArrayList<>();
    ServerSentEvents.read(
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
        (event, data) -> {
          events.add(event + "=" + data);
          return events.size() < stopAfter;
        });
    return events;
  }

  @Test
  void readsNamedEventsMultiLineDataAndSkipsComments() throws Exception {
    String body =
        ": keep-alive\n\nevent: token\ndata: {\"text\":\"Hi\"}\n\nevent:done\ndata: a\ndata: b\n\n"
            + "data: unnamed\n\n";
    assertThat(read(body, 10))
        .containsExactly("token={\"text\":\"Hi\"}", "done=a\nb", "message=unnamed");
  }

  @Test
  void stopsWhenTheListenerSaysSoAndDeliversAnUnterminatedLastEvent() throws Exception {
    assertThat(read("event: a\ndata: 1\n\nevent: b\ndata: 2\n\n", 1)).containsExactly("a=1");
    assertThat(read("event: last\ndata: x", 10)).containsExactly("last=x");
  }
}
