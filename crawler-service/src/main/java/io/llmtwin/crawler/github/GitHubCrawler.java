package io.llmtwin.crawler.github;

import io.llmtwin.crawler.crawl.CrawlRequest;
import io.llmtwin.crawler.crawl.CrawledDocument;
import io.llmtwin.crawler.crawl.Crawler;
import io.llmtwin.crawler.crawl.PlatformUrls;
import io.llmtwin.crawler.crawl.SourceSnapshot;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchFailure;
import io.llmtwin.web.fetch.FetchedPage;
import io.llmtwin.web.fetch.PageFetcher;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GitHub: a repository link ({@code {web}/{owner}/{repo}}) is shallow-cloned and its source files
 * stored byte-for-byte with path and language; a user link ({@code {web}/{user}}) lists the user's
 * public repositories through the REST API and reads each. Clone URLs are always built from the
 * configured base URL, never taken from API responses. {@code file:} links (local repositories) are
 * read only when the SSRF configuration allow-lists the {@code file} scheme.
 */
public class GitHubCrawler implements Crawler {
  private static final Logger log = LoggerFactory.getLogger(GitHubCrawler.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final GitHubProperties properties;
  private final PageFetcher fetcher;
  private final GitRepositoryReader reader;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  /** A GitHub crawler. */
  public GitHubCrawler(GitHubProperties properties, PageFetcher fetcher, Clock clock) {
    this.properties = properties;
    this.fetcher = fetcher;
    this.reader = new GitRepositoryReader(properties);
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.GITHUB;
  }

  @Override
  public boolean supports(URI link) {
    return "file".equalsIgnoreCase(link.getScheme())
        || PlatformUrls.onSiteOrSubdomain(link, properties.webBaseUrl());
  }

  @Override
  public SourceSnapshot crawl(CrawlRequest request) {
    URI link = request.link();
    if ("file".equalsIgnoreCase(link.getScheme())) {
      String repoUrl = stripSlash(link.toString());
      return snapshot(repoUrl, List.of(repoUrl), request.authorId(), true);
    }
    List<String> segments = segments(link);
    if (segments.size() == 1) {
      return snapshot(
          stripSlash(link.toString()),
          userRepositories(segments.get(0)),
          request.authorId(),
          false);
    }
    if (segments.size() >= 2) {
      String repoUrl = repositoryUrl(segments.get(0), segments.get(1));
      return snapshot(repoUrl, List.of(repoUrl), request.authorId(), true);
    }
    throw new FetchFailedException(
        FetchFailure.MALFORMED_CONTENT, link + " names neither a GitHub user nor a repository");
  }

  private List<String> segments(URI link) {
    String basePath =
        stripSlash(
            properties.webBaseUrl().getPath() == null ? "" : properties.webBaseUrl().getPath());
    String path = link.getPath() == null ? "" : link.getPath();
    if (!basePath.isEmpty() && path.startsWith(basePath)) {
      path = path.substring(basePath.length());
    }
    List<String> segments = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        segments.add(s.endsWith(".git") ? s.substring(0, s.length() - 4) : s);
      }
    }
    for (String s : segments.subList(0, Math.min(2, segments.size()))) {
      if (!NAME.matcher(s).matches() || s.equals("..") || s.equals(".")) {
        throw new FetchFailedException(FetchFailure.MALFORMED_CONTENT, "invalid GitHub name: " + s);
      }
    }
    return segments.subList(0, Math.min(2, segments.size()));
  }

  private String repositoryUrl(String owner, String repo) {
    return PlatformUrls.resolve(properties.webBaseUrl(), "/" + owner + "/" + repo).toString();
  }

  private List<String> userRepositories(String user) {
    URI api =
        PlatformUrls.resolve(
            properties.apiBaseUrl(),
            "/users/" + user + "/repos?per_page=100&type=owner&sort=updated");
    Map<String, String> headers = new HashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    if (properties.token() != null && !properties.token().isBlank()) {
      headers.put("Authorization", "Bearer " + properties.token());
    }
    FetchedPage page = fetcher.fetchApi(api, headers);
    List<String> repos = new ArrayList<>();
    try {
      JsonNode root = json.readTree(page.text());
      if (!root.isArray()) {
        throw new FetchFailedException(
            FetchFailure.MALFORMED_CONTENT, "GitHub API did not return a repository list");
      }
      for (JsonNode repo : root) {
        if (repos.size() >= properties.maxRepositories()) {
          break;
        }
        if (repo.path("fork").asBoolean(false) && !properties.includeForks()) {
          continue;
        }
        String name = repo.path("name").asString("");
        if (NAME.matcher(name).matches()) {
          repos.add(repositoryUrl(user, name));
        }
      }
    } catch (JacksonException e) {
      throw new FetchFailedException(
          FetchFailure.MALFORMED_CONTENT, "GitHub API returned invalid JSON", e);
    }
    return repos;
  }

  private SourceSnapshot snapshot(
      String source, List<String> repositories, String authorId, boolean singleRepository) {
    List<CrawledDocument> documents = new ArrayList<>();
    List<SourceSnapshot.ItemFailure> failures = new ArrayList<>();
    for (String repoUrl : repositories) {
      String cloneUrl = repoUrl.startsWith("file:") ? repoUrl : repoUrl + ".git";
      try {
        GitRepositoryReader.RepoContent content = reader.read(cloneUrl);
        for (GitRepositoryReader.RepoFile file : content.files()) {
          RawDocument doc =
              new RawDocument(
                  DocumentIds.forRepositoryFile(repoUrl, file.path()),
                  DocumentType.REPOSITORY,
                  authorId,
                  Platform.GITHUB,
                  repoUrl + "/blob/HEAD/" + file.path(),
                  file.path(),
                  file.text(),
                  content.commitTime(),
                  clock.instant(),
                  DocumentIds.contentHash(file.text()),
                  RepositoryFileFilter.language(file.path()),
                  file.path());
          documents.add(new CrawledDocument(doc, null, null, null));
        }
        log.info(
            "read {}: {} files kept, {} skipped",
            repoUrl,
            content.files().size(),
            content.skipped().size());
      } catch (IOException | GitAPIException | RuntimeException e) {
        failures.add(
            new SourceSnapshot.ItemFailure(
                repoUrl, "clone-failed", "cannot clone " + repoUrl + ": " + e.getMessage()));
      }
    }
    if (singleRepository && !failures.isEmpty()) {
      throw new FetchFailedException(FetchFailure.CONNECTION_FAILED, failures.get(0).message());
    }
    return new SourceSnapshot(
        source, Set.of(DocumentType.REPOSITORY), documents, Set.of(), failures, true);
  }

  private static String stripSlash(String s) {
    String t = s;
    while (t.endsWith("/")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  static boolean isRepositoryName(String s) {
    Matcher m = NAME.matcher(s);
    return m.matches();
  }
}
