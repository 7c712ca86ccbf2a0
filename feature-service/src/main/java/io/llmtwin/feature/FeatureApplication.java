package io.llmtwin.feature;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of the feature-service. */
@SpringBootApplication
public class FeatureApplication {

  public static void main(String[] args) {
    SpringApplication.run(FeatureApplication.class, args);
  }
}
