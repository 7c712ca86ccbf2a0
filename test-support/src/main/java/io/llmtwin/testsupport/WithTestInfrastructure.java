package io.llmtwin.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test context at the servers of {@link TestInfrastructure}: environment variable,
 * else container, else embedded stand-in.
 *
 * <p>Sets, with the highest precedence (like {@code @DynamicPropertySource}):
 *
 * <ul>
 *   <li>{@code spring.mongodb.uri} and, for the stand-in only, {@code
 *       management.health.mongodb.enabled=false} (it lacks the {@code hello} command);
 *   <li>{@code spring.rabbitmq.host}, {@code .port}, {@code .username}, {@code .password}, {@code
 *       .virtual-host};
 *   <li>{@code llmtwin.qdrant.host}, {@code llmtwin.qdrant.port} (gRPC).
 * </ul>
 *
 * <p>Values are resolved when the context first reads them, so a context that never reads a Qdrant
 * property never starts Qdrant. Contexts of annotated tests are cached and shared as usual.
 *
 * <pre>{@code
 * @SpringBootTest
 * @WithTestInfrastructure
 * class CrawlerApplicationIT { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface WithTestInfrastructure {}
