package io.llmtwin.registry;

import io.llmtwin.registry.alias.AliasRegistry;
import io.llmtwin.registry.artifact.ArtifactStore;
import io.llmtwin.registry.artifact.FileSystemArtifactStore;
import io.llmtwin.registry.artifact.GridFsArtifactStore;
import io.llmtwin.registry.artifact.S3ArtifactStore;
import io.llmtwin.registry.mirror.RegistryMirror;
import io.llmtwin.registry.mirror.RegistryMirrorPostProcessor;
import io.llmtwin.registry.model.ModelRegistry;
import io.llmtwin.registry.mongo.MongoAliasRegistry;
import io.llmtwin.registry.mongo.MongoModelRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Wires the model registry into a Spring Boot application that has a {@link MongoTemplate}: {@link
 * ModelRegistry}, {@link AliasRegistry} and the {@link ArtifactStore} chosen by {@code
 * llmtwin.registry.artifact-store}. Registered in {@code AutoConfiguration.imports}; every bean can
 * be replaced by declaring one of the same type.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnBean(MongoTemplate.class)
@EnableConfigurationProperties(RegistryProperties.class)
public class ModelRegistryAutoConfiguration {

  /** The artifact store selected by configuration. */
  @Bean
  @ConditionalOnMissingBean
  public ArtifactStore artifactStore(
      RegistryProperties properties,
      MongoDatabaseFactory databaseFactory,
      MongoTemplate mongo,
      ObjectProvider<S3Client> s3Client) {
    return switch (properties.artifactStore()) {
      case GRIDFS ->
          new GridFsArtifactStore(
              databaseFactory, mongo.getConverter(), properties.gridfs().bucket());
      case FILESYSTEM -> new FileSystemArtifactStore(properties.filesystem().root());
      case S3 ->
          new S3ArtifactStore(
              s3Client.getObject(),
              properties.s3().bucket(),
              properties.s3().prefix(),
              properties.s3().partSize().toBytes());
    };
  }

  /** The model registry. */
  @Bean
  @ConditionalOnMissingBean
  public ModelRegistry modelRegistry(
      MongoTemplate mongo, ArtifactStore artifactStore, ObjectProvider<Clock> clock) {
    return new MongoModelRegistry(mongo, artifactStore, clock.getIfAvailable(Clock::systemUTC));
  }

  /** The alias registry. */
  @Bean
  @ConditionalOnMissingBean
  public AliasRegistry aliasRegistry(
      MongoTemplate mongo, ModelRegistry modelRegistry, ObjectProvider<Clock> clock) {
    return new MongoAliasRegistry(mongo, modelRegistry, clock.getIfAvailable(Clock::systemUTC));
  }

  /**
   * Wraps the model and alias registries so every change also reaches the {@link RegistryMirror}
   * beans (e.g. a Comet mirror), when there are any.
   */
  @Bean
  public static RegistryMirrorPostProcessor registryMirrorPostProcessor(
      ObjectProvider<RegistryMirror> mirrors) {
    return new RegistryMirrorPostProcessor(mirrors);
  }

  /** The S3 client, only when the S3 store is selected. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "llmtwin.registry", name = "artifact-store", havingValue = "s3")
  public S3Client registryS3Client(RegistryProperties properties) {
    RegistryProperties.S3 s3 = properties.s3();
    var builder =
        S3Client.builder()
            .region(Region.of(s3.region()))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .forcePathStyle(s3.pathStyleAccess());
    if (s3.endpoint() != null) {
      builder.endpointOverride(s3.endpoint());
    }
    return builder.build();
  }
}
