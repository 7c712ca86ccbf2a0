package io.llmtwin.crawler.linkedin;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.crawler.ApiClient;
import io.llmtwin.crawler.CrawlerIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Upload of LinkedIn data-export ZIPs: posts and articles stored; unsafe archives refused. */
class LinkedInImportIT extends CrawlerIntegrationTest {

  static final String SHARES =
      "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
          + "2024-01-05 09:12:44,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A111,\"Shipped our new search today.\n\nProud of the team, and of the \"\"boring\"\" choices that made it easy.\",,,MEMBERS\n"
          + "2024-02-10 18:00:01,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A222,\"Three things I learned from mentoring this year: listen more, review kindly, write things down.\",,,MEMBERS\n"
          + "2024-03-01 08:00:00,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A333,,https://example.org/reshared,,MEMBERS\n";

  static final String ARTICLE =
      "<html><head><title>Why I Write</title></head><body><h1><a href=\"https://www.linkedin.com/pulse/why-i-write-alex-example\">Why I Write</a></h1>"
          + "<p class=\"created\">Created on 2023-11-20 10:15</p><p class=\"published\">Published on 2023-11-21 08:00</p>"
          + "<div><p>Writing is how I find out what I think about a problem before I try to solve it.</p><h2>Habits</h2><ul><li>Write every morning</li><li>Publish monthly</li></ul></div></body></html>";

  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, byte[]> export(String shares) {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("Shares.csv", shares.getBytes(StandardCharsets.UTF_8));
    entries.put("Articles/Articles/why-i-write.html", ARTICLE.getBytes(StandardCharsets.UTF_8));
    entries.put(
        "Connections.csv", "First Name,Last Name\nSam,Second\n".getBytes(StandardCharsets.UTF_8));
    return entries;
  }

  @Test
  void importsPostsAndArticlesAndReimportIsIncremental() {
    ensureAuthor();
    ApiClient.Response first =
        api().upload("/api/v1/imports/linkedin", "export.zip", zip(export(SHARES)));
    assertThat(first.status()).as(first.raw()).isEqualTo(200);
    JsonNode body = first.body();
    assertThat(body.get("posts").asInt()).isEqualTo(2);
    assertThat(body.get("articles").asInt()).isEqualTo(1);
    assertThat(body.get("counts").get("inserted").asInt()).isEqualTo(3);

    var posts = documents("posts", "source", "linkedin-export:author-1");
    assertThat(posts).hasSize(2);
    assertThat(posts)
        .anySatisfy(
            p ->
                assertThat(p.getString("content"))
                    .isEqualTo(
                        "Shipped our new search today.\n\nProud of the team, and of the \"boring\" choices that made it easy."));
    var article = documents("articles", "source", "linkedin-export:author-1").get(0);
    assertThat(article.getString("title")).isEqualTo("Why I Write");
    assertThat(article.getString("link"))
        .isEqualTo("https://www.linkedin.com/pulse/why-i-write-alex-example");
    assertThat(article.getString("content"))
        .contains("Writing is how I find out", "## Habits", "- Write every morning")
        .doesNotContain("Created on");

    JsonNode again =
        api().upload("/api/v1/imports/linkedin", "export.zip", zip(export(SHARES))).body();
    assertThat(again.get("counts").get("unchanged").asInt()).isEqualTo(3);
    assertThat(again.get("counts").get("inserted").asInt()).isZero();

    String withoutSecond = SHARES.replaceAll("(?m)^2024-02-10.*\\n", "");
    JsonNode removed =
        api().upload("/api/v1/imports/linkedin", "export.zip", zip(export(withoutSecond))).body();
    assertThat(removed.get("counts").get("deleted").asInt()).isEqualTo(1);
    assertThat(documents("posts", "source", "linkedin-export:author-1")).hasSize(1);
  }

  @Test
  void refusesUnsafeAndMalformedArchivesWithClearProblems() {
    ensureAuthor();
    Map<String, byte[]> traversal = new LinkedHashMap<>();
    traversal.put("Shares.csv", SHARES.getBytes(StandardCharsets.UTF_8));
    traversal.put("../../etc/cron.d/evil", "x".getBytes(StandardCharsets.UTF_8));
    assertRejected(zip(traversal), "path-traversal");

    Map<String, byte[]> bomb = new LinkedHashMap<>();
    bomb.put("Shares.csv", new byte[60 * 1024 * 1024]);
    assertRejected(zip(bomb), "entry-too-large", "compression-ratio");

    assertRejected("this is not a zip file at all".getBytes(StandardCharsets.UTF_8), "not-a-zip");
    assertRejected(zip(Map.of("photo.jpg", new byte[] {1, 2, 3})), "no-content");

    byte[] big = new byte[3 * 1024 * 1024];
    new java.util.Random(1).nextBytes(big);
    ApiClient.Response tooLarge = api().upload("/api/v1/imports/linkedin", "export.zip", big);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body().get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/payload-too-large");
  }

  private void assertRejected(byte[] upload, String... reasons) {
    ApiClient.Response response = api().upload("/api/v1/imports/linkedin", "export.zip", upload);
    assertThat(response.status()).as(response.raw()).isEqualTo(400);
    assertThat(response.body().get("type").asString())
        .isEqualTo("https://llmtwin.io/problems/zip-rejected");
    assertThat(response.body().get("reason").asString()).isIn((Object[]) reasons);
  }
}
