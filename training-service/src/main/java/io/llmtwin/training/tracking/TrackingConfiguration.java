package io.llmtwin.training.tracking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The local tracker always, Comet in addition when {@code COMET_API_KEY} is set. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TrackingProperties.class)
class TrackingConfiguration {

  @Bean
  MongoExperimentTracker mongoExperimentTracker(MongoTemplate mongo) {
    return new MongoExperimentTracker(mongo, Clock.systemUTC());
  }

  @Bean
  @Primary
  CompositeExperimentTracker experimentTracker(
      MongoExperimentTracker local, TrackingProperties properties) {
    List<ExperimentTracker> trackers = new ArrayList<>(List.of(local));
    TrackingProperties.Comet comet = properties.comet();
    if (comet.enabled()) {
      trackers.add(
          new CometExperimentTracker(
              comet.baseUrl(),
              comet.apiKey(),
              comet.workspace(),
              comet.project(),
              comet.timeout(),
              Clock.systemUTC()));
    }
    return new CompositeExperimentTracker(trackers);
  }
}
