package io.llmtwin.crawler.author;

import io.llmtwin.model.document.Platform;
import io.llmtwin.web.fetch.SsrfGuard;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/** Creates authors and remembers the sources crawled for them. */
@Service
public class AuthorService {
  private final AuthorRepository repository;
  private final MongoTemplate mongo;
  private final SsrfGuard guard;
  private final Clock clock;

  AuthorService(AuthorRepository repository, MongoTemplate mongo, SsrfGuard guard, Clock clock) {
    this.repository = repository;
    this.mongo = mongo;
    this.guard = guard;
    this.clock = clock;
  }

  /** Creates an author; every profile link must pass the SSRF guard. */
  public Author create(String name, Map<Platform, String> profiles, String id) {
    Map<Platform, String> checked = new LinkedHashMap<>();
    if (profiles != null) {
      profiles.forEach((platform, link) -> checked.put(platform, guard.check(link).toString()));
    }
    String authorId = id == null || id.isBlank() ? UUID.randomUUID().toString() : id;
    Optional<Author> existing = repository.findById(authorId);
    return repository.save(
        new Author(
            authorId,
            name.trim(),
            checked,
            existing.map(Author::sources).orElse(null),
            existing.map(Author::createdAt).orElse(clock.instant())));
  }

  /** The author with this id. */
  public Optional<Author> find(String id) {
    return repository.findById(id);
  }

  /** Adds a crawled link to the author's sources (atomic, no read-modify-write race). */
  public void rememberSource(String authorId, String link) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(authorId)),
        new Update().addToSet("sources", link),
        Author.class);
  }
}
