package io.llmtwin.crawler.author;

import io.llmtwin.model.document.Platform;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person whose content is collected.
 *
 * @param id the author id
 * @param name display name
 * @param profiles profile link per platform (Medium profile, Substack publication, GitHub user...)
 * @param sources every link crawled for this author; re-crawled by a sync
 * @param createdAt creation time
 */
@Document("authors")
public record Author(
    @Id String id,
    String name,
    Map<Platform, String> profiles,
    Set<String> sources,
    Instant createdAt) {

  public Author {
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    sources = sources == null ? Set.of() : Set.copyOf(sources);
  }

  /** Profile links and crawled sources, without duplicates. */
  public Set<String> allSources() {
    Set<String> all = new LinkedHashSet<>(profiles.values());
    all.addAll(sources);
    return all;
  }
}
