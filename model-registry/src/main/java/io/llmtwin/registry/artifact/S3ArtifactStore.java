package io.llmtwin.registry.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Stores artifacts as S3 objects under {@code <prefix><key>} in one bucket (AWS SDK v2).
 *
 * <p>The SHA-256 digest is kept as user metadata {@code x-amz-meta-sha256}. Because S3 needs the
 * length and metadata up front, a stream is first spooled to a temporary file while its digest is
 * computed (never buffered in memory); a file is hashed in one pass and uploaded in a second.
 */
public final class S3ArtifactStore implements ArtifactStore {

  static final String SHA256_METADATA = "sha256";

  /** S3's smallest allowed part (all parts but the last). */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** Default part size; objects larger than this are uploaded in parts. */
  public static final long DEFAULT_PART_SIZE = 64L * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final long partSize;

  /**
   * Creates a store on {@code bucket}; every key is prefixed with {@code prefix} (may be empty,
   * otherwise conventionally ending in {@code /}). Uses {@link #DEFAULT_PART_SIZE}.
   */
  public S3ArtifactStore(S3Client s3, String bucket, String prefix) {
    this(s3, bucket, prefix, DEFAULT_PART_SIZE);
  }

  /**
   * Creates a store that uploads objects larger than {@code partSize} (at least {@link
   * #MIN_PART_SIZE}) as multipart uploads, so artifacts beyond S3's 5 GB single-request limit
   * (merged models) can be stored.
   */
  public S3ArtifactStore(S3Client s3, String bucket, String prefix, long partSize) {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("partSize must be at least " + MIN_PART_SIZE);
    }
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix == null ? "" : prefix;
    this.partSize = partSize;
  }

  @Override
  public StoredArtifact put(String key, InputStream content) {
    ArtifactKeys.requireValid(key);
    Path spool = null;
    try {
      spool = Files.createTempFile("llmtwin-artifact-", ".upload");
      DigestingInputStream digesting = new DigestingInputStream(content);
      Files.copy(digesting, spool, StandardCopyOption.REPLACE_EXISTING);
      return upload(key, spool, digesting.sha256(), digesting.count());
    } catch (IOException e) {
      throw new ArtifactStoreException(key, "Cannot spool artifact '" + key + "' for upload", e);
    } finally {
      if (spool != null) {
        try {
          Files.deleteIfExists(spool);
        } catch (IOException e) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  @Override
  public StoredArtifact put(String key, Path file) {
    ArtifactKeys.requireValid(key);
    try (InputStream in = Files.newInputStream(file);
        DigestingInputStream digesting = new DigestingInputStream(in)) {
      digesting.transferTo(OutputStream.nullOutputStream());
      return upload(key, file, digesting.sha256(), digesting.count());
    } catch (IOException e) {
      throw new ArtifactStoreException(
          key, "Cannot read " + file + " to store as '" + key + "'", e);
    }
  }

  private StoredArtifact upload(String key, Path file, String sha256, long size) {
    try {
      if (size > partSize) {
        uploadInParts(key, file, sha256, size);
      } else {
        s3.putObject(
            b ->
                b.bucket(bucket)
                    .key(prefix + key)
                    .contentLength(size)
                    .metadata(Map.of(SHA256_METADATA, sha256)),
            RequestBody.fromFile(file));
      }
    } catch (SdkException e) {
      throw new ArtifactStoreException(key, "Cannot upload artifact '" + key + "' to S3", e);
    } catch (IOException e) {
      throw new ArtifactStoreException(key, "Cannot read artifact '" + key + "' for upload", e);
    }
    return stat(key)
        .orElseThrow(
            () -> new ArtifactStoreException(key, "Artifact '" + key + "' vanished after upload"));
  }

  private void uploadInParts(String key, Path file, String sha256, long size) throws IOException {
    String uploadId =
        s3.createMultipartUpload(
                b -> b.bucket(bucket).key(prefix + key).metadata(Map.of(SHA256_METADATA, sha256)))
            .uploadId();
    try (InputStream in = Files.newInputStream(file)) {
      List<CompletedPart> parts = new ArrayList<>();
      long offset = 0;
      for (int number = 1; offset < size; number++) {
        long length = Math.min(partSize, size - offset);
        int partNumber = number;
        String etag =
            s3.uploadPart(
                    b ->
                        b.bucket(bucket)
                            .key(prefix + key)
                            .uploadId(uploadId)
                            .partNumber(partNumber)
                            .contentLength(length),
                    RequestBody.fromInputStream(new BoundedInputStream(in, length), length))
                .eTag();
        parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
        offset += length;
      }
      s3.completeMultipartUpload(
          b ->
              b.bucket(bucket)
                  .key(prefix + key)
                  .uploadId(uploadId)
                  .multipartUpload(m -> m.parts(parts)));
    } catch (IOException | RuntimeException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(prefix + key).uploadId(uploadId));
      } catch (SdkException abort) {
        e.addSuppressed(abort);
      }
      throw e;
    }
  }

  @Override
  public InputStream get(String key) {
    ArtifactKeys.requireValid(key);
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = s3.getObject(b -> b.bucket(bucket).key(prefix + key));
    } catch (NoSuchKeyException e) {
      throw new ArtifactNotFoundException(key);
    } catch (SdkException e) {
      throw notFoundOr(key, e, "Cannot open artifact '" + key + "' in S3");
    }
    GetObjectResponse response = in.response();
    String sha256 = response.metadata().get(SHA256_METADATA);
    if (sha256 == null) {
      in.abort();
      throw new ArtifactStoreException(key, "S3 object for '" + key + "' has no recorded digest");
    }
    return new VerifyingInputStream(in, key, response.contentLength(), sha256);
  }

  @Override
  public Optional<StoredArtifact> stat(String key) {
    ArtifactKeys.requireValid(key);
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw new ArtifactStoreException(key, "Cannot look up artifact '" + key + "' in S3", e);
    } catch (SdkException e) {
      throw new ArtifactStoreException(key, "Cannot look up artifact '" + key + "' in S3", e);
    }
    String sha256 = head.metadata().get(SHA256_METADATA);
    if (sha256 == null) {
      return Optional.empty();
    }
    Instant storedAt = head.lastModified() == null ? Instant.EPOCH : head.lastModified();
    return Optional.of(new StoredArtifact(key, head.contentLength(), sha256, storedAt));
  }

  @Override
  public boolean delete(String key) {
    boolean existed = stat(key).isPresent();
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
    } catch (SdkException e) {
      throw new ArtifactStoreException(key, "Cannot delete artifact '" + key + "' from S3", e);
    }
    return existed;
  }

  @Override
  public List<StoredArtifact> list(String keyPrefix) {
    ArtifactKeys.requireValidPrefix(keyPrefix);
    List<StoredArtifact> result = new ArrayList<>();
    try {
      for (S3Object object :
          s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix + keyPrefix)).contents()) {
        stat(object.key().substring(prefix.length())).ifPresent(result::add);
      }
    } catch (SdkException e) {
      throw new ArtifactStoreException(keyPrefix, "Cannot list artifacts in S3", e);
    }
    result.sort(Comparator.comparing(StoredArtifact::key));
    return result;
  }

  /** Reads at most {@code limit} bytes of a shared stream, leaving it open. */
  private static final class BoundedInputStream extends FilterInputStream {
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
      super(in);
      this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = super.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = super.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() {
      // the whole file's stream is closed by the caller
    }
  }

  private static ArtifactStoreException notFoundOr(String key, SdkException e, String message) {
    if (e instanceof S3Exception s3e && s3e.statusCode() == 404) {
      return new ArtifactNotFoundException(key);
    }
    return new ArtifactStoreException(key, message, e);
  }
}
