package io.llmtwin.crawler.store;

import io.llmtwin.crawler.crawl.CrawledDocument;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.RawDocument;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes crawled documents to the {@code articles}, {@code posts} and {@code repositories}
 * collections with field names equal to {@link RawDocument}'s ({@code _id} = id) plus {@code
 * subtitle}, {@code etag}, {@code lastModified} and {@code source}. A document whose content hash
 * and title are unchanged is not written at all, so change streams see only real changes.
 */
@Component
public class DocumentStore {
  private final MongoTemplate mongo;

  DocumentStore(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** What a write did. */
  public enum Outcome {
    INSERTED,
    UPDATED,
    UNCHANGED
  }

  /** Inserts, updates or leaves alone one document. */
  public Outcome save(CrawledDocument crawled, String source) {
    RawDocument doc = crawled.document();
    String collection = doc.type().collection();
    Query byId = Query.query(Criteria.where("_id").is(doc.id()));
    byId.fields().include("contentHash", "title", "subtitle", "publishedAt", "authorId");
    Document existing = mongo.findOne(byId, Document.class, collection);
    if (existing != null && unchanged(existing, crawled)) {
      return Outcome.UNCHANGED;
    }
    Map<String, Object> fields = fields(crawled, source);
    if (existing == null) {
      Document insert = new Document("_id", doc.id());
      insert.putAll(fields);
      try {
        mongo.insert(insert, collection);
        return Outcome.INSERTED;
      } catch (DuplicateKeyException raced) {
        // another crawl of the same link inserted it first: fall through to an update
      }
    }
    Update update = new Update();
    fields.forEach(update::set);
    mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.id())), update, collection);
    return Outcome.UPDATED;
  }

  private static boolean unchanged(Document existing, CrawledDocument crawled) {
    RawDocument doc = crawled.document();
    return Objects.equals(existing.getString("contentHash"), doc.contentHash())
        && Objects.equals(existing.getString("title"), doc.title())
        && Objects.equals(existing.getString("subtitle"), crawled.subtitle())
        && Objects.equals(existing.getString("authorId"), doc.authorId());
  }

  private static Map<String, Object> fields(CrawledDocument crawled, String source) {
    RawDocument doc = crawled.document();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", doc.type().name());
    fields.put("authorId", doc.authorId());
    fields.put("platform", doc.platform().name());
    fields.put("link", doc.link());
    fields.put("title", doc.title());
    fields.put("content", doc.content());
    fields.put("publishedAt", doc.publishedAt() == null ? null : Date.from(doc.publishedAt()));
    fields.put("fetchedAt", doc.fetchedAt() == null ? null : Date.from(doc.fetchedAt()));
    fields.put("contentHash", doc.contentHash());
    fields.put("language", doc.language());
    fields.put("path", doc.path());
    fields.put("subtitle", crawled.subtitle());
    fields.put("etag", crawled.etag());
    fields.put("lastModified", crawled.lastModified());
    fields.put("source", source);
    return fields;
  }

  /** Ids and links of the author's documents of {@code type} that came from {@code source}. */
  public Map<String, String> linksFromSource(DocumentType type, String authorId, String source) {
    Query query = Query.query(Criteria.where("authorId").is(authorId).and("source").is(source));
    query.fields().include("link");
    Map<String, String> links = new LinkedHashMap<>();
    for (Document d : mongo.find(query, Document.class, type.collection())) {
      links.put(d.getString("_id"), d.getString("link"));
    }
    return links;
  }

  /** The stored validators (etag, lastModified) of a document, if stored. */
  public Optional<Validators> validators(DocumentType type, String id) {
    Query query = Query.query(Criteria.where("_id").is(id));
    query.fields().include("etag", "lastModified");
    Document d = mongo.findOne(query, Document.class, type.collection());
    return d == null
        ? Optional.empty()
        : Optional.of(new Validators(d.getString("etag"), d.getString("lastModified")));
  }

  /**
   * HTTP validators of a stored document.
   *
   * @param etag stored ETag or null
   * @param lastModified stored Last-Modified or null
   */
  public record Validators(String etag, String lastModified) {}

  /** Deletes one document. */
  public boolean delete(DocumentType type, String id) {
    return mongo
            .remove(Query.query(Criteria.where("_id").is(id)), type.collection())
            .getDeletedCount()
        > 0;
  }

  /** Number of documents of a type (tests and metrics). */
  public long count(DocumentType type) {
    return mongo.getCollection(type.collection()).countDocuments();
  }
}
