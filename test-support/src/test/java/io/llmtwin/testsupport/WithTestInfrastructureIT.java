package io.llmtwin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

@SpringJUnitConfig(WithTestInfrastructureIT.Empty.class)
@WithTestInfrastructure
class WithTestInfrastructureIT {

  @Configuration(proxyBeanMethods = false)
  static class Empty {}

  @Autowired Environment environment;

  @Test
  void pointsSpringBootAtTheMongoServer() {
    MongoEndpoint mongo = TestInfrastructure.mongo();
    assertThat(environment.getProperty("spring.mongodb.uri"))
        .isEqualTo(mongo.uriWithDatabase("llmtwin_test"));
    assertThat(environment.getProperty("management.health.mongodb.enabled"))
        .isEqualTo(mongo.isStandIn() ? "false" : null);
  }

  @Test
  void pointsSpringBootAtTheRabbitBroker() {
    RabbitEndpoint rabbit = TestInfrastructure.rabbit();
    assertThat(environment.getProperty("spring.rabbitmq.host")).isEqualTo(rabbit.host());
    assertThat(environment.getProperty("spring.rabbitmq.port", Integer.class))
        .isEqualTo(rabbit.port());
    assertThat(environment.getProperty("spring.rabbitmq.username")).isEqualTo(rabbit.username());
    assertThat(environment.getProperty("spring.rabbitmq.password")).isEqualTo(rabbit.password());
    assertThat(environment.getProperty("spring.rabbitmq.virtual-host"))
        .isEqualTo(rabbit.virtualHost());
  }

  @Test
  void namesTheQdrantPropertiesWithoutStartingQdrantUntilRead() {
    assertThat(environment.containsProperty("llmtwin.qdrant.host")).isTrue();
    assertThat(environment.containsProperty("llmtwin.qdrant.port")).isTrue();
  }

  @Nested
  class InANestedClass {
    @Autowired Environment nestedEnvironment;

    @Test
    void seesTheSameProperties() {
      assertThat(nestedEnvironment.getProperty("spring.mongodb.uri"))
          .startsWith(TestInfrastructure.mongo().uri());
    }
  }
}
