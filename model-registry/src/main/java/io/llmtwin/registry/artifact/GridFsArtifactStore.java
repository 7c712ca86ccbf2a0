package io.llmtwin.registry.artifact;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MongoConverter;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

/**
 * Stores artifacts in MongoDB GridFS through Spring's {@link GridFsTemplate} (the default store: no
 * infrastructure beyond MongoDB).
 *
 * <p>The GridFS filename is the artifact key. The SHA-256 digest and size go into the file's
 * metadata ({@code metadata.sha256}, {@code metadata.size}) once the upload is complete; files
 * without a digest are uploads in progress (or abandoned) and are invisible. After a successful
 * overwrite the older revisions of the key are deleted.
 */
public final class GridFsArtifactStore implements ArtifactStore {

  private static final String SHA256 = "metadata.sha256";

  private final GridFsTemplate gridFs;
  private final MongoDatabaseFactory databaseFactory;
  private final String bucket;

  /** Creates a store on the GridFS bucket {@code bucket} of the factory's database. */
  public GridFsArtifactStore(
      MongoDatabaseFactory databaseFactory, MongoConverter converter, String bucket) {
    this.gridFs = new GridFsTemplate(databaseFactory, converter, bucket);
    this.databaseFactory = databaseFactory;
    this.bucket = bucket;
  }

  /**
   * The bucket name: GridFS keeps its files in {@code <bucket>.files} and {@code <bucket>.chunks}.
   */
  public String bucket() {
    return bucket;
  }

  @Override
  public StoredArtifact put(String key, InputStream content) {
    ArtifactKeys.requireValid(key);
    DigestingInputStream digesting = new DigestingInputStream(content);
    ObjectId id;
    try {
      id = gridFs.store(digesting, key, new Document("state", "uploading"));
    } catch (RuntimeException e) {
      throw new ArtifactStoreException(key, "Cannot store artifact '" + key + "' in GridFS", e);
    }
    String sha256 = digesting.sha256();
    databaseFactory
        .getMongoDatabase()
        .getCollection(bucket + ".files")
        .updateOne(
            Filters.eq("_id", id),
            Updates.combine(
                Updates.set(SHA256, sha256),
                Updates.set("metadata.size", digesting.count()),
                Updates.set("metadata.state", "complete")));
    gridFs.delete(query(where("filename").is(key).and("_id").ne(id)));
    GridFSFile stored = gridFs.findOne(query(where("_id").is(id)));
    return toArtifact(stored);
  }

  @Override
  public StoredArtifact put(String key, Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return put(key, in);
    } catch (IOException e) {
      throw new ArtifactStoreException(
          key, "Cannot read " + file + " to store as '" + key + "'", e);
    }
  }

  @Override
  public InputStream get(String key) {
    ArtifactKeys.requireValid(key);
    GridFSFile file = newest(key).orElseThrow(() -> new ArtifactNotFoundException(key));
    StoredArtifact recorded = toArtifact(file);
    try {
      InputStream in = gridFs.getResource(file).getInputStream();
      return new VerifyingInputStream(in, key, recorded.sizeBytes(), recorded.sha256());
    } catch (IOException | RuntimeException e) {
      throw new ArtifactStoreException(key, "Cannot open artifact '" + key + "' in GridFS", e);
    }
  }

  @Override
  public Optional<StoredArtifact> stat(String key) {
    ArtifactKeys.requireValid(key);
    return newest(key).map(GridFsArtifactStore::toArtifact);
  }

  @Override
  public boolean delete(String key) {
    ArtifactKeys.requireValid(key);
    boolean existed = newest(key).isPresent();
    gridFs.delete(query(where("filename").is(key)));
    return existed;
  }

  @Override
  public List<StoredArtifact> list(String prefix) {
    ArtifactKeys.requireValidPrefix(prefix);
    Query query =
        query(where("filename").regex("^" + Pattern.quote(prefix)).and(SHA256).exists(true))
            .with(Sort.by(Sort.Order.asc("filename"), Sort.Order.desc("uploadDate")));
    Map<String, StoredArtifact> newestByKey = new LinkedHashMap<>();
    for (GridFSFile file : gridFs.find(query)) {
      newestByKey.putIfAbsent(file.getFilename(), toArtifact(file));
    }
    return new ArrayList<>(newestByKey.values());
  }

  private Optional<GridFSFile> newest(String key) {
    Query query =
        query(where("filename").is(key).and(SHA256).exists(true))
            .with(Sort.by(Sort.Direction.DESC, "uploadDate"));
    return Optional.ofNullable(gridFs.find(query).first());
  }

  private static StoredArtifact toArtifact(GridFSFile file) {
    Document metadata = file.getMetadata();
    String sha256 = metadata == null ? null : metadata.getString("sha256");
    if (sha256 == null) {
      throw new ArtifactStoreException(
          file.getFilename(), "GridFS file '" + file.getFilename() + "' has no recorded digest");
    }
    return new StoredArtifact(
        file.getFilename(), file.getLength(), sha256, file.getUploadDate().toInstant());
  }
}
