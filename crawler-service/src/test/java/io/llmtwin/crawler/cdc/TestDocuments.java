package io.llmtwin.crawler.cdc;

import io.llmtwin.model.document.DocumentIds;
import java.util.Date;
import org.bson.Document;

/** Documents as the crawler stores them. */
final class TestDocuments {
  private TestDocuments() {}

  static Document article(String slug, String authorId, String content) {
    String link = "https://medium.com/@" + authorId + "/" + slug;
    return new Document("_id", DocumentIds.forUrl(link))
        .append("type", "ARTICLE")
        .append("authorId", authorId)
        .append("platform", "MEDIUM")
        .append("link", link)
        .append("title", slug)
        .append("content", content)
        .append("publishedAt", new Date(1_700_000_000_000L))
        .append("fetchedAt", new Date())
        .append("contentHash", DocumentIds.contentHash(content))
        .append("language", "en");
  }

  static Document post(String slug, String authorId, String content) {
    String link = "https://www.linkedin.com/posts/" + authorId + "-" + slug;
    return new Document("_id", DocumentIds.forUrl(link))
        .append("type", "POST")
        .append("authorId", authorId)
        .append("platform", "LINKEDIN")
        .append("link", link)
        .append("title", slug)
        .append("content", content)
        .append("fetchedAt", new Date())
        .append("contentHash", DocumentIds.contentHash(content));
  }
}
