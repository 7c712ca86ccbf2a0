package io.llmtwin.crawler;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.testsupport.WithTestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The crawler-service starts against the shared test infrastructure and reports itself healthy. */
@SpringBootTest
@WithTestInfrastructure
class CrawlerApplicationIT {

  @Autowired HealthEndpoint health;
  @Autowired MongoTemplate mongo;

  @Test
  void contextLoadsAndReportsHealthy() {
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void mongoTemplateReachesTheTestServer() {
    Document pong = mongo.executeCommand("{ \"ping\": 1 }");
    assertThat(pong.get("ok")).isIn(1, 1.0);
  }
}
