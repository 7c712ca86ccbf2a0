package io.llmtwin.crawler.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtwin.model.messaging.Messaging;
import io.llmtwin.model.messaging.Topology;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;

class CdcConfigurationTest {

  private static CdcProperties properties(boolean declareTopology, String exchange) {
    return new CdcProperties(
        null,
        "test",
        exchange,
        declareTopology,
        Duration.ofSeconds(10),
        4,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  @Test
  void declaresTheSharedFeaturePipelineTopology() {
    var declarables =
        CdcConfiguration.toDeclarables(properties(true, Messaging.DOCUMENTS_EXCHANGE));
    assertThat(declarables.getDeclarablesByType(Exchange.class))
        .extracting(Exchange::getName, Exchange::getType, Exchange::isDurable)
        .contains(
            org.assertj.core.groups.Tuple.tuple(Messaging.DOCUMENTS_EXCHANGE, "topic", true),
            org.assertj.core.groups.Tuple.tuple(Messaging.DEAD_LETTER_EXCHANGE, "topic", true));
    Queue feature =
        declarables.getDeclarablesByType(Queue.class).stream()
            .filter(q -> q.getName().equals(Messaging.FEATURE_QUEUE))
            .findFirst()
            .orElseThrow();
    assertThat(feature.isDurable()).isTrue();
    assertThat(feature.getArguments())
        .containsEntry(Topology.ARG_DEAD_LETTER_EXCHANGE, Messaging.DEAD_LETTER_EXCHANGE)
        .containsEntry(Topology.ARG_QPID_MAX_DELIVERY_COUNT, 4);
    Queue retry =
        declarables.getDeclarablesByType(Queue.class).stream()
            .filter(q -> q.getName().equals(Messaging.FEATURE_RETRY_QUEUE))
            .findFirst()
            .orElseThrow();
    assertThat(retry.getArguments()).containsEntry(Topology.ARG_MESSAGE_TTL, 10_000L);
    assertThat(declarables.getDeclarablesByType(Binding.class))
        .anySatisfy(
            b -> {
              assertThat(b.getExchange()).isEqualTo(Messaging.DOCUMENTS_EXCHANGE);
              assertThat(b.getDestination()).isEqualTo(Messaging.FEATURE_QUEUE);
              assertThat(b.getRoutingKey()).isEqualTo("#");
            });
  }

  @Test
  void declaresOnlyItsExchangeWhenTheTopologyIsLeftToOthers() {
    var declarables = CdcConfiguration.toDeclarables(properties(false, "it.exchange"));
    assertThat(declarables.getDeclarables()).hasSize(1);
    assertThat(declarables.getDeclarablesByType(Exchange.class).get(0).getName())
        .isEqualTo("it.exchange");
  }

  @Test
  void defaultsAreSaneAndLeaseRenewalMustBeShorterThanItsLifetime() {
    CdcProperties defaults =
        new CdcProperties(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null);
    assertThat(defaults.enabled()).isTrue();
    assertThat(defaults.exchange()).isEqualTo(Messaging.DOCUMENTS_EXCHANGE);
    assertThat(defaults.leaseRenewInterval()).isLessThan(defaults.leaseTtl());
    assertThat(defaults.instanceId()).isNotBlank();
    assertThatThrownBy(
            () ->
                new CdcProperties(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(5),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null))
        .hasMessageContaining("lease-renew-interval");
  }
}
