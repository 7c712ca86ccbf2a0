package io.llmtwin.model.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopologyTest {

  @Test
  void featureQueueIsBoundToEveryDocumentChangeAndDeadLettersOnBothBrokers() {
    Topology.Definition topology = Topology.featurePipeline();
    assertThat(topology.bindings())
        .contains(
            new Topology.Binding(
                Messaging.DOCUMENTS_EXCHANGE,
                Messaging.FEATURE_QUEUE,
                Messaging.ALL_DOCUMENT_CHANGES));
    Topology.Queue feature = topology.queue(Messaging.FEATURE_QUEUE);
    assertThat(feature.durable()).isTrue();
    assertThat(feature.arguments())
        .containsEntry(Topology.ARG_DEAD_LETTER_EXCHANGE, Messaging.DEAD_LETTER_EXCHANGE)
        .containsEntry(Topology.ARG_QPID_ALTERNATE_EXCHANGE, Messaging.DEAD_LETTER_EXCHANGE)
        .containsEntry(Topology.ARG_QPID_MAX_DELIVERY_COUNT, Topology.DEFAULT_MAX_ATTEMPTS);
  }

  @Test
  void retryQueueWaitsOutTheDelayThenReturnsToTheFeatureQueue() {
    Topology.Definition topology = Topology.featurePipeline(Duration.ofSeconds(7), 3);
    Topology.Queue retry = topology.queue(Messaging.FEATURE_RETRY_QUEUE);
    assertThat(retry.arguments())
        .containsEntry(Topology.ARG_MESSAGE_TTL, 7000L)
        .containsEntry(Topology.ARG_DEAD_LETTER_EXCHANGE, "")
        .containsEntry(Topology.ARG_DEAD_LETTER_ROUTING_KEY, Messaging.FEATURE_QUEUE);
    assertThat(topology.maxAttempts()).isEqualTo(3);
    assertThat(topology.exchanges())
        .extracting(Topology.Exchange::name)
        .containsExactly(
            Messaging.DOCUMENTS_EXCHANGE, Messaging.RETRY_EXCHANGE, Messaging.DEAD_LETTER_EXCHANGE);
    assertThat(topology.exchanges())
        .allMatch(e -> e.type() == Topology.ExchangeType.TOPIC && e.durable());
  }

  @Test
  void rejectsNonsenseRetrySettings() {
    assertThatThrownBy(() -> Topology.featurePipeline(Duration.ZERO, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Topology.featurePipeline(Duration.ofSeconds(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
