package io.llmtwin.devstack.qdrant;

/** Where collections go when they change; in-memory servers use {@link #NONE}. */
interface CollectionPersistence extends AutoCloseable {
  CollectionPersistence NONE =
      new CollectionPersistence() {
        @Override
        public void changed(StoredCollection collection) {}

        @Override
        public void dropped(StoredCollection collection) {}

        @Override
        public void close() {}
      };

  /** The collection changed; persist it (possibly a little later). */
  void changed(StoredCollection collection);

  /** The collection was deleted; forget it for good. */
  void dropped(StoredCollection collection);

  /** Writes everything still pending. */
  @Override
  void close();
}
