package io.llmtwin.registry.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Stores artifacts in a directory tree.
 *
 * <p>Layout under the root: {@code objects/<uuid>} holds the bytes, {@code refs/<key>} is a
 * one-line record {@code <sha256> <size> <object> <storedAtMillis>}, {@code tmp/} holds uploads in
 * progress. An upload is written to {@code tmp/}, moved into {@code objects/}, and only then made
 * visible by atomically replacing the ref file, so a reader never sees a half-written artifact and
 * the recorded digest always belongs to the bytes it points at.
 */
public final class FileSystemArtifactStore implements ArtifactStore {

  private final Path refs;
  private final Path objects;
  private final Path tmp;

  /** Creates a store rooted at {@code root}, creating the directories it needs. */
  public FileSystemArtifactStore(Path root) {
    Path absolute = root.toAbsolutePath().normalize();
    this.refs = absolute.resolve("refs");
    this.objects = absolute.resolve("objects");
    this.tmp = absolute.resolve("tmp");
    try {
      Files.createDirectories(refs);
      Files.createDirectories(objects);
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create artifact store directories under " + root, e);
    }
  }

  @Override
  public StoredArtifact put(String key, InputStream content) {
    ArtifactKeys.requireValid(key);
    String object = UUID.randomUUID().toString();
    Path upload = tmp.resolve(object);
    try {
      DigestingInputStream digesting = new DigestingInputStream(content);
      Files.copy(digesting, upload);
      Files.move(upload, objects.resolve(object), StandardCopyOption.ATOMIC_MOVE);
      StoredArtifact stored =
          new StoredArtifact(
              key,
              digesting.count(),
              digesting.sha256(),
              Instant.now().truncatedTo(ChronoUnit.MILLIS));
      Optional<Ref> previous = readRef(key);
      writeRef(key, new Ref(stored, object));
      previous.ifPresent(ref -> deleteQuietly(objects.resolve(ref.object())));
      return stored;
    } catch (IOException e) {
      deleteQuietly(upload);
      deleteQuietly(objects.resolve(object));
      throw new ArtifactStoreException(key, "Cannot store artifact '" + key + "'", e);
    }
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
    // a concurrent overwrite may delete the object between reading the ref and opening it: retry
    for (int attempt = 0; attempt < 3; attempt++) {
      Ref ref = readRef(key).orElseThrow(() -> new ArtifactNotFoundException(key));
      try {
        InputStream in = Files.newInputStream(objects.resolve(ref.object()));
        return new VerifyingInputStream(
            in, key, ref.artifact().sizeBytes(), ref.artifact().sha256());
      } catch (NoSuchFileException e) {
        // replaced meanwhile; read the ref again
      } catch (IOException e) {
        throw new ArtifactStoreException(key, "Cannot open artifact '" + key + "'", e);
      }
    }
    throw new ArtifactNotFoundException(key);
  }

  @Override
  public Optional<StoredArtifact> stat(String key) {
    ArtifactKeys.requireValid(key);
    return readRef(key).map(Ref::artifact);
  }

  @Override
  public boolean delete(String key) {
    ArtifactKeys.requireValid(key);
    Optional<Ref> ref = readRef(key);
    if (ref.isEmpty()) {
      return false;
    }
    try {
      boolean deleted = Files.deleteIfExists(refs.resolve(key));
      deleteQuietly(objects.resolve(ref.get().object()));
      return deleted;
    } catch (IOException e) {
      throw new ArtifactStoreException(key, "Cannot delete artifact '" + key + "'", e);
    }
  }

  @Override
  public List<StoredArtifact> list(String prefix) {
    ArtifactKeys.requireValidPrefix(prefix);
    List<StoredArtifact> result = new ArrayList<>();
    try (Stream<Path> files = Files.walk(refs)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String key =
            refs.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        if (key.startsWith(prefix)) {
          readRef(key).ifPresent(ref -> result.add(ref.artifact()));
        }
      }
    } catch (IOException e) {
      throw new ArtifactStoreException(prefix, "Cannot list artifacts under '" + prefix + "'", e);
    }
    result.sort(Comparator.comparing(StoredArtifact::key));
    return result;
  }

  /** The file holding the bytes of {@code key}; for tests that tamper with stored content. */
  Path objectFile(String key) {
    return objects.resolve(
        readRef(key).orElseThrow(() -> new ArtifactNotFoundException(key)).object());
  }

  private Optional<Ref> readRef(String key) {
    Path file = refs.resolve(key);
    try {
      String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
      return Optional.of(
          new Ref(
              new StoredArtifact(
                  key,
                  Long.parseLong(parts[1]),
                  parts[0],
                  Instant.ofEpochMilli(Long.parseLong(parts[3]))),
              parts[2]));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ArtifactStoreException(key, "Cannot read the record of artifact '" + key + "'", e);
    } catch (RuntimeException e) {
      throw new ArtifactStoreException(key, "Damaged record for artifact '" + key + "'", e);
    }
  }

  private void writeRef(String key, Ref ref) throws IOException {
    Path file = refs.resolve(key);
    Files.createDirectories(file.getParent());
    Path temp = tmp.resolve("ref-" + UUID.randomUUID());
    StoredArtifact a = ref.artifact();
    String line =
        a.sha256() + " " + a.sizeBytes() + " " + ref.object() + " " + a.storedAt().toEpochMilli();
    Files.writeString(temp, line + "\n", StandardCharsets.US_ASCII);
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // best effort: a leftover object is garbage, not damage
    }
  }

  private record Ref(StoredArtifact artifact, String object) {}
}
