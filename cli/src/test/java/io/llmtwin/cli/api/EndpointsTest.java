package io.llmtwin.cli.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {
  private final Endpoints endpoints =
      new Endpoints(
          URI.create("http://crawler:1"),
          URI.create("http://feature:2"),
          URI.create("http://training:3"),
          URI.create("http://inference:4"),
          "key");

  @Test
  void eachServiceHasItsOwnUrl() {
    assertThat(endpoints.url(Service.CRAWLER)).hasToString("http://crawler:1");
    assertThat(endpoints.url(Service.FEATURE)).hasToString("http://feature:2");
    assertThat(endpoints.url(Service.TRAINING)).hasToString("http://training:3");
    assertThat(endpoints.url(Service.INFERENCE)).hasToString("http://inference:4");
  }

  @Test
  void eachServiceClientCallsThatServicesUrl() {
    TwinApi api = new TwinApi(endpoints);
    for (Service s : Service.values()) {
      assertThat(api.client(s).base()).isEqualTo(endpoints.url(s));
    }
  }
}
