package io.llmtwin.registry;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of the model registry, prefix {@code llmtwin.registry}.
 *
 * @param artifactStore where artifacts go: {@code gridfs} (default), {@code filesystem} or {@code
 *     s3}
 * @param gridfs GridFS settings
 * @param filesystem file system settings
 * @param s3 S3 settings
 */
@ConfigurationProperties("llmtwin.registry")
public record RegistryProperties(
    @DefaultValue("gridfs") StoreKind artifactStore,
    @DefaultValue GridFs gridfs,
    @DefaultValue FileSystem filesystem,
    @DefaultValue S3 s3) {

  /** Validates the settings the chosen store needs. */
  public RegistryProperties {
    if (artifactStore == StoreKind.S3
        && (s3 == null || s3.bucket() == null || s3.bucket().isBlank())) {
      throw new IllegalArgumentException(
          "llmtwin.registry.s3.bucket is required when llmtwin.registry.artifact-store=s3");
    }
    if (artifactStore == StoreKind.GRIDFS && gridfs.bucket().isBlank()) {
      throw new IllegalArgumentException("llmtwin.registry.gridfs.bucket must not be blank");
    }
  }

  /** The artifact store implementations. */
  public enum StoreKind {
    /** MongoDB GridFS (no extra infrastructure). */
    GRIDFS,
    /** A local or mounted directory. */
    FILESYSTEM,
    /** An S3 bucket (AWS or S3-compatible). */
    S3
  }

  /**
   * GridFS settings.
   *
   * @param bucket the GridFS bucket name
   */
  public record GridFs(@DefaultValue(RegistryCollections.DEFAULT_GRIDFS_BUCKET) String bucket) {}

  /**
   * File system settings.
   *
   * @param root the directory artifacts are kept under
   */
  public record FileSystem(@DefaultValue("data/artifacts") Path root) {}

  /**
   * S3 settings. Credentials come from the AWS default provider chain (environment, profile,
   * instance or pod role), never from this configuration.
   *
   * @param bucket the bucket (required for {@code s3})
   * @param prefix prepended to every key
   * @param region the AWS region
   * @param endpoint an endpoint override for S3-compatible servers, or {@code null} for AWS
   * @param pathStyleAccess whether to address the bucket in the path (most S3-compatible servers)
   * @param partSize artifacts larger than this are uploaded in parts of this size (at least 5MB)
   */
  public record S3(
      String bucket,
      @DefaultValue("llmtwin/") String prefix,
      @DefaultValue("us-east-1") String region,
      URI endpoint,
      @DefaultValue("false") boolean pathStyleAccess,
      @DefaultValue("64MB") DataSize partSize) {}
}
