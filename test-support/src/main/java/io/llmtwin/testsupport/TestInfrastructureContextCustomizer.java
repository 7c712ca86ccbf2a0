package io.llmtwin.testsupport;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/** Puts {@link TestInfrastructurePropertySource} first in the test context's environment. */
final class TestInfrastructureContextCustomizer implements ContextCustomizer {

  @Override
  public void customizeContext(
      ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
    var sources = context.getEnvironment().getPropertySources();
    if (!sources.contains(TestInfrastructurePropertySource.NAME)) {
      sources.addFirst(new TestInfrastructurePropertySource());
    }
  }

  // stateless: every annotated test may share one cached context
  @Override
  public boolean equals(Object other) {
    return other instanceof TestInfrastructureContextCustomizer;
  }

  @Override
  public int hashCode() {
    return TestInfrastructureContextCustomizer.class.hashCode();
  }
}
