package io.llmtwin.testsupport;

import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Adds {@link TestInfrastructureContextCustomizer} to tests annotated (directly, on an enclosing
 * class or via a meta-annotation) with {@link WithTestInfrastructure}; registered in {@code
 * META-INF/spring.factories}.
 */
class TestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(
      Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
    return TestContextAnnotationUtils.hasAnnotation(testClass, WithTestInfrastructure.class)
        ? new TestInfrastructureContextCustomizer()
        : null;
  }
}
