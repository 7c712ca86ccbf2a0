package io.llmtwin.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The bundled sample corpus of the demo author (resources under {@code demo/}): articles served by
 * the fixture site, posts imported as a LinkedIn export, and a small code repository.
 *
 * @param authorName the author's display name
 * @param prompt what the demo asks the twin to write
 * @param platform the platform of that prompt
 * @param articles the articles
 * @param posts the posts
 * @param repositoryFiles path → content of the code repository
 */
public record DemoCorpus(
    String authorName,
    String prompt,
    String platform,
    List<Article> articles,
    List<Post> posts,
    Map<String, String> repositoryFiles) {

  private static final List<String> ARTICLES =
      List.of("small-boats", "tide-tables", "bailing-buckets", "quiet-harbour");

  /**
   * One article.
   *
   * @param slug path segment on the fixture site
   * @param title the title
   * @param date {@code yyyy-MM-dd}
   * @param paragraphs the text
   */
  public record Article(String slug, String title, String date, List<String> paragraphs) {}

  /**
   * One post.
   *
   * @param date {@code yyyy-MM-dd HH:mm}
   * @param text the text
   */
  public record Post(String date, String text) {}

  /** Loads the corpus from the class path. */
  public static DemoCorpus load() {
    Properties author = new Properties();
    try (InputStream in = DemoCorpus.class.getResourceAsStream("/demo/author.properties")) {
      author.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the demo corpus is missing from the CLI jar", e);
    }
    List<Article> articles = new ArrayList<>();
    for (String slug : ARTICLES) {
      List<String> lines = List.of(resource("articles/" + slug + ".txt").split("\n"));
      List<String> paragraphs =
          lines.subList(2, lines.size()).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty())
              .toList();
      articles.add(new Article(slug, lines.get(0).strip(), lines.get(1).strip(), paragraphs));
    }
    List<Post> posts = new ArrayList<>();
    for (String block : resource("posts.txt").split("\n---\n")) {
      String b = block.strip();
      int nl = b.indexOf('\n');
      posts.add(new Post(b.substring(0, nl).strip(), b.substring(nl + 1).strip()));
    }
    Map<String, String> files = new LinkedHashMap<>();
    for (String path : resource("repo/files.txt").split("\n")) {
      if (!path.isBlank()) {
        files.put(path.strip(), resource("repo/" + path.strip()));
      }
    }
    return new DemoCorpus(
        author.getProperty("name"),
        author.getProperty("prompt"),
        author.getProperty("platform"),
        List.copyOf(articles),
        List.copyOf(posts),
        files);
  }

  /** Documents the crawl and import produce: articles + posts + repository files. */
  public int documentCount() {
    return articles.size() + posts.size() + repositoryFiles.size();
  }

  /** All text of the corpus and the prompt, one document after another. */
  public String text() {
    StringBuilder all = new StringBuilder(prompt).append('\n');
    articles.forEach(
        a -> all.append(a.title()).append('\n').append(String.join("\n", a.paragraphs())));
    posts.forEach(p -> all.append('\n').append(p.text()));
    repositoryFiles.values().forEach(t -> all.append('\n').append(t));
    return all.toString();
  }

  private static String resource(String path) {
    try (InputStream in = DemoCorpus.class.getResourceAsStream("/demo/" + path)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
