package io.llmtwin.inference.limits;

import io.llmtwin.inference.monitoring.GenerationMonitor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Body size limit (filter, before authentication) and per-key rate limit (interceptor). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {
  static final String[] GENERATION_PATHS = {"/api/v1/generate", "/v1/chat/completions"};

  @Bean
  FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
      LimitsProperties limits, GenerationMonitor monitor) {
    FilterRegistrationBean<BodySizeLimitFilter> registration =
        new FilterRegistrationBean<>(
            new BodySizeLimitFilter(limits.maxBodySize().toBytes(), monitor));
    registration.addUrlPatterns("/api/*", "/v1/*");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  WebMvcConfigurer rateLimitConfigurer(LimitsProperties limits, GenerationMonitor monitor) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        if (limits.requestsPerMinute() > 0) {
          registry
              .addInterceptor(
                  new RateLimitInterceptor(
                      new TokenBucketRateLimiter(
                          limits.requestsPerMinute(), limits.burst(), System::nanoTime),
                      monitor))
              .addPathPatterns(GENERATION_PATHS);
        }
      }
    };
  }
}
