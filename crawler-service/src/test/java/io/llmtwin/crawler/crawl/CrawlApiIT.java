package io.llmtwin.crawler.crawl;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.crawler.ApiClient;
import io.llmtwin.crawler.CrawlerIntegrationTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** The REST API: SSRF refusals as problems, API keys, authors, sync and the OpenAPI document. */
class CrawlApiIT extends CrawlerIntegrationTest {

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource({
    "http://127.0.0.1:8080/admin, loopback-address",
    "http://[::1]/, loopback-address",
    "http://10.1.2.3/, private-address",
    "http://172.16.0.1/, private-address",
    "http://192.168.0.1/, private-address",
    "http://169.254.169.254/latest/meta-data/, metadata-address",
    "http://0.0.0.0/, unspecified-address",
    "http://2130706433/, numeric-host-form",
    "http://0x7f000001/, numeric-host-form",
    "file:///etc/passwd, unsupported-scheme",
    "gopher://localhost:25/, unsupported-scheme",
    "http://user:secret@localhost/, credentials-in-url"
  })
  void refusedLinksAreBadRequestProblems(String link, String reason) {
    ensureAuthor();
    ApiClient.Response response =
        api().post("/api/v1/crawls", Map.of("authorId", AUTHOR, "links", List.of(link)));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body().get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/ssrf-refused");
    assertThat(response.body().get("reason").asString()).isEqualTo(reason);
    assertThat(response.body().get("detail").asString()).contains("refused");
  }

  @Test
  void redirectToPrivateAddressFailsTheLinkAtFetchTime() {
    WEB.put(
        "/jump",
        new io.llmtwin.crawler.FixtureSite.Page(
            302, "text/html", new byte[0], Map.of("Location", "http://192.168.7.7/secret")));
    JsonNode crawl = crawl(WEB.url("/jump"));
    JsonNode l = link(crawl, WEB.url("/jump"));
    assertThat(l.get("status").asString()).isEqualTo("FAILED");
    assertThat(l.get("reason").asString()).isEqualTo("ssrf-refused");
    assertThat(l.get("message").asString()).contains("private-address");
  }

  @Test
  void requiresApiKeyAndOwnAuthor() {
    ensureAuthor();
    assertThat(api().withKey(null).get("/api/v1/authors/" + AUTHOR).status()).isEqualTo(401);
    assertThat(api().get("/api/v1/authors/author-2").status()).isEqualTo(403);
    ApiClient.Response other =
        api()
            .post(
                "/api/v1/crawls", Map.of("authorId", "author-2", "links", List.of(WEB.url("/x"))));
    assertThat(other.status()).isEqualTo(403);
    assertThat(
            api().post("/api/v1/crawls", Map.of("authorId", AUTHOR, "links", List.of())).status())
        .isEqualTo(400);
  }

  @Test
  void authorProfilesAreStoredAndSynced() {
    ApiClient second = api().withKey("test-key-two");
    WEB.html(
        "/profile-post",
        "<html><body><article><h1>Profile Post</h1><p>A post linked from the author's profile, long enough to count as an article.</p></article></body></html>");
    ApiClient.Response created =
        second.post(
            "/api/v1/authors",
            Map.of("name", "Sam Second", "profiles", Map.of("WEB", WEB.url("/profile-post"))));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("id").asString()).isEqualTo("author-2");
    assertThat(second.get("/api/v1/authors/author-2").body().get("profiles").get("WEB").asString())
        .isEqualTo(WEB.url("/profile-post"));

    ApiClient.Response sync = second.post("/api/v1/authors/author-2/sync", null);
    assertThat(sync.status()).isEqualTo(202);
    assertThat(sync.body().get("links").toString()).contains(WEB.url("/profile-post"));
    String id = sync.body().get("id").asString();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(
            () ->
                second
                    .get("/api/v1/crawls/" + id)
                    .body()
                    .get("status")
                    .asString()
                    .startsWith("DONE"));
    assertThat(
            second.get("/api/v1/crawls/" + id).body().get("links").get(0).get("inserted").asInt())
        .isEqualTo(1);
    assertThat(api().get("/api/v1/crawls/" + id).status()).isEqualTo(404);

    ApiClient.Response refused =
        second.post(
            "/api/v1/authors",
            Map.of("name", "A", "profiles", Map.of("WEB", "http://169.254.169.254/")));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().get("reason").asString()).isEqualTo("metadata-address");
  }

  @Test
  void unknownCrawlIsNotFoundAndOpenApiDescribesTheApi() {
    assertThat(api().get("/api/v1/crawls/does-not-exist").status()).isEqualTo(404);
    ApiClient.Response docs = api().withKey(null).get("/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body().get("paths").propertyNames())
        .contains(
            "/api/v1/crawls",
            "/api/v1/crawls/{id}",
            "/api/v1/authors",
            "/api/v1/authors/{id}",
            "/api/v1/authors/{id}/sync",
            "/api/v1/imports/linkedin");
  }
}
