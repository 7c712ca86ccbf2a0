package io.llmtwin.support.security;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * API-key security shared by every service: each non-actuator endpoint needs a key bound to an
 * author; actuator health, info and prometheus and the OpenAPI description stay open. Refusals are
 * ProblemDetails (401 without or with an unknown key, 403 when the key may not do this).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiKeySecurityAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ApiKeySecurityAutoConfiguration.class);

  /** Paths every service leaves open. */
  public static final List<String> ALWAYS_PUBLIC =
      List.of(
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/info",
          "/actuator/prometheus",
          "/v3/api-docs",
          "/v3/api-docs/**",
          "/v3/api-docs.yaml",
          "/swagger-ui.html",
          "/swagger-ui/**",
          "/error");

  @Bean
  @ConditionalOnMissingBean
  ApiKeyRegistry apiKeyRegistry(SecurityProperties properties) {
    ApiKeyRegistry registry = ApiKeyRegistry.parse(properties.apiKeys());
    if (registry.isEmpty()) {
      log.warn(
          "no API keys configured (llmtwin.security.api-keys / LLMTWIN_SECURITY_API_KEYS):"
              + " every protected endpoint will answer 401");
    } else {
      log.info("API-key security active with {} key(s)", registry.size());
    }
    return registry;
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain apiKeySecurityFilterChain(
      HttpSecurity http,
      ApiKeyRegistry registry,
      SecurityProperties properties,
      ObjectProvider<JsonMapper> jsonMapper)
      throws Exception {
    ProblemResponseWriter writer =
        new ProblemResponseWriter(jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
    AuthenticationEntryPoint entryPoint =
        (request, response, e) ->
            writer.write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "unauthorized",
                "Unauthorized",
                ApiKeyAuthenticationFilter.presentedKey(request).isPresent()
                    ? "the API key is not valid"
                    : "an API key is required (header X-API-Key or Authorization: Bearer)");
    AccessDeniedHandler deniedHandler =
        (request, response, e) ->
            writer.write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Forbidden",
                "this API key may not perform this request");
    List<String> open = new ArrayList<>(ALWAYS_PUBLIC);
    open.addAll(properties.publicPaths());
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            a ->
                a.requestMatchers(open.toArray(String[]::new))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(registry, entryPoint),
            AnonymousAuthenticationFilter.class);
    return http.build();
  }
}
