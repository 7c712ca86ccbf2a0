package io.llmtwin.featurestore;

import io.llmtwin.model.document.DocumentType;

/**
 * Names of the feature store's collections, vectors and payload fields: the one place they live.
 */
public final class FeatureCollections {
  private FeatureCollections() {}

  /** Payload-only collection recording which embedding model built each chunks collection. */
  public static final String META = "feature_store_meta";

  /**
   * Payload-only collection of tombstones: one point per delete of a document ({@link
   * PointIds#tombstone}, one per delete time) with {@link #DOCUMENT_ID}, {@link #DOCUMENT_TYPE},
   * {@link #DELETED_AT} and, when known, {@link #CLUSTER_TIME}; the latest counts. A change older
   * than the delete, delivered after it, is then not indexed again. Readers of cleaned documents
   * never see it. Not derived from MongoDB, so {@link FeatureStoreSchema#dropForRebuild()} keeps
   * it.
   */
  public static final String TOMBSTONES = "feature_store_tombstones";

  /** Name of the dense (semantic) vector of a chunk point. */
  public static final String DENSE_VECTOR = "dense";

  /** Name of the sparse (lexical) vector of a chunk point, see {@link LexicalSparseEncoder}. */
  public static final String SPARSE_VECTOR = "sparse";

  /** Payload field names. */
  public static final String DOCUMENT_ID = "document_id";

  public static final String DOCUMENT_TYPE = "document_type";
  public static final String AUTHOR_ID = "author_id";
  public static final String PLATFORM = "platform";
  public static final String LINK = "link";
  public static final String TITLE = "title";
  public static final String PUBLISHED_AT = "published_at";
  public static final String CONTENT_HASH = "content_hash";
  public static final String CONTENT = "content";
  public static final String LANGUAGE = "language";
  public static final String PATH = "path";
  public static final String FETCHED_AT = "fetched_at";
  public static final String DELETED_AT = "deleted_at";

  /** When the change a cleaned document was written for happened (CDC {@code occurredAt}). */
  public static final String OCCURRED_AT = "occurred_at";

  /**
   * MongoDB's cluster time of a change ({@code ClusterTime.value()}, an integer): of the delete in
   * a tombstone, of the change in a cleaned document; absent when unknown.
   */
  public static final String CLUSTER_TIME = "cluster_time";

  public static final String CHUNK_INDEX = "chunk_index";
  public static final String TEXT = "text";
  public static final String EMBEDDING_MODEL = "embedding_model";
  public static final String VECTOR_SIZE = "vector_size";
  public static final String COLLECTION = "collection";

  /** {@code cleaned_<type>}: one payload-only point per cleaned document. */
  public static String cleaned(DocumentType type) {
    return "cleaned_" + type.key();
  }

  /** {@code chunks_<type>}: one point per chunk with dense and sparse vectors. */
  public static String chunks(DocumentType type) {
    return "chunks_" + type.key();
  }
}
