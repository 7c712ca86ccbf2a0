package io.llmtwin.registry.artifact;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

class FileSystemArtifactStoreTest extends ArtifactStoreContract {

  @TempDir Path root;
  private FileSystemArtifactStore store;

  @BeforeEach
  void createStore() {
    store = new FileSystemArtifactStore(root);
  }

  @Override
  protected ArtifactStore store() {
    return store;
  }

  @Override
  protected void tamper(String key) throws Exception {
    try (RandomAccessFile file = new RandomAccessFile(store.objectFile(key).toFile(), "rw")) {
      file.seek(file.length() / 2);
      int b = file.read();
      file.seek(file.length() / 2);
      file.write(b ^ 0xff);
    }
  }
}
