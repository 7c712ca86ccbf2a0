package io.llmtwin.crawler;

import static org.awaitility.Awaitility.await;

import io.llmtwin.testsupport.WithTestInfrastructure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Shared setup of the crawler ITs: the real service on a random port, MongoDB from the shared test
 * infrastructure ({@link WithTestInfrastructure}: environment, container or embedded stand-in), and
 * local fixture sites standing in for Medium, Substack, LinkedIn and any blog. Only {@code
 * localhost} is allow-listed in the SSRF guard.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-one,author-2:test-key-two",
      "llmtwin.crawler.ssrf.allowed-hosts=localhost",
      "llmtwin.crawler.fetch.per-host-interval=0s",
      "llmtwin.crawler.fetch.max-retries=1",
      "llmtwin.crawler.fetch.retry-backoff=10ms",
      "llmtwin.crawler.fetch.max-response-bytes=1048576",
      "llmtwin.crawler.linkedin.max-upload-bytes=2097152",
      "llmtwin.crawler.linkedin.username=alex@example.org",
      "llmtwin.crawler.linkedin.password=fixture-password",
      "llmtwin.crawler.linkedin.scroll-wait=1s",
      "llmtwin.crawler.browser.render-timeout=10s"
    })
@WithTestInfrastructure
public abstract class CrawlerIntegrationTest {
  protected static final String AUTHOR = "author-1";
  protected static final FixtureSite MEDIUM = new FixtureSite();
  protected static final FixtureSite SUBSTACK = new FixtureSite();
  protected static final FixtureSite WEB = new FixtureSite();
  protected static final FixtureSite LINKEDIN = new FixtureSite();

  @LocalServerPort protected int port;
  @Autowired protected MongoTemplate mongo;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("llmtwin.crawler.medium.base-url", MEDIUM::base);
    registry.add("llmtwin.crawler.substack.base-url", SUBSTACK::base);
    registry.add("llmtwin.crawler.linkedin.base-url", LINKEDIN::base);
  }

  protected ApiClient api() {
    return new ApiClient(port, "test-key-one");
  }

  protected void ensureAuthor() {
    api().post("/api/v1/authors", Map.of("name", "Alex Example"));
  }

  /** Starts a crawl of {@code links} and waits until every link finished. */
  protected JsonNode crawl(String... links) {
    ensureAuthor();
    ApiClient.Response started =
        api().post("/api/v1/crawls", Map.of("authorId", AUTHOR, "links", List.of(links)));
    if (started.status() != 202) {
      throw new AssertionError("crawl not accepted: " + started.status() + " " + started.raw());
    }
    String id = started.body().get("id").asString();
    JsonNode[] last = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              last[0] = api().get("/api/v1/crawls/" + id).body();
              String status = last[0].path("status").asString("");
              return status.startsWith("DONE");
            });
    return last[0];
  }

  /** The result of the crawl's only (or first) link. */
  protected static JsonNode link(JsonNode crawl, String link) {
    for (JsonNode l : crawl.get("links")) {
      if (l.get("link").asString().equals(link)) {
        return l;
      }
    }
    throw new AssertionError("no link " + link + " in " + crawl);
  }

  protected List<Document> documents(String collection, String field, Object value) {
    return mongo.find(Query.query(Criteria.where(field).is(value)), Document.class, collection);
  }
}
