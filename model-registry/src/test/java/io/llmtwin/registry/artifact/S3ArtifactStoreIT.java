package io.llmtwin.registry.artifact;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Runs the contract against Adobe's S3Mock, started inside this JVM. */
class S3ArtifactStoreIT extends ArtifactStoreContract {

  @RegisterExtension
  static final S3MockExtension S3_MOCK =
      S3MockExtension.builder()
          .silent()
          .withSecureConnection(false)
          // S3Mock is a Spring Boot app sharing this test classpath: keep MongoDB out of it
          .withProperty(
              "spring.autoconfigure.exclude",
              "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration,"
                  + "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration,"
                  + "org.springframework.boot.data.mongodb.autoconfigure"
                  + ".DataMongoRepositoriesAutoConfiguration,"
                  + "io.llmtwin.registry.ModelRegistryAutoConfiguration")
          .build();

  private S3Client s3;
  private S3ArtifactStore store;
  private String bucket;

  @BeforeEach
  void createStore() {
    s3 = S3_MOCK.createS3ClientV2();
    bucket = "llmtwin-" + UUID.randomUUID().toString().substring(0, 8);
    s3.createBucket(b -> b.bucket(bucket));
    // the smallest part size, so the 20 MB contract artifact goes up as a multipart upload
    store = new S3ArtifactStore(s3, bucket, "registry/", S3ArtifactStore.MIN_PART_SIZE);
  }

  @Override
  protected ArtifactStore store() {
    return store;
  }

  @Override
  protected void tamper(String key) {
    var object = s3.getObjectAsBytes(b -> b.bucket(bucket).key("registry/" + key));
    byte[] data = object.asByteArray();
    data[data.length / 2] ^= (byte) 0xff;
    // same recorded digest, different bytes: what a damaged object looks like
    s3.putObject(
        b -> b.bucket(bucket).key("registry/" + key).metadata(object.response().metadata()),
        RequestBody.fromBytes(data));
  }
}
