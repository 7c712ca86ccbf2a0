package io.llmtwin.crawler.linkedin;

import io.llmtwin.crawler.browser.ChromiumBrowser;
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
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The user's own LinkedIn activity, read in headless Chromium: log in with the credentials from the
 * environment, open {@code /in/{user}/recent-activity/all/}, scroll until no more posts load,
 * expand every "see more", and read each post's text and URN. Credentials are typed into the login
 * form only; they are never logged or stored.
 */
public class LinkedInActivityCrawler implements Crawler {
  private static final Pattern PROFILE = Pattern.compile("^/in/([^/]+)/?.*$");
  private static final String POST = "div.feed-shared-update-v2[data-urn]";
  private static final String POST_TEXT =
      ".update-components-text, .feed-shared-update-v2__description, .feed-shared-inline-show-more-text";
  private static final String SEE_MORE =
      "button.feed-shared-inline-show-more-text__see-more-less-toggle, button.see-more";

  private final LinkedInProperties properties;
  private final ChromiumBrowser browser;
  private final Clock clock;

  /** A crawler using {@code browser}. */
  public LinkedInActivityCrawler(
      LinkedInProperties properties, ChromiumBrowser browser, Clock clock) {
    this.properties = properties;
    this.browser = browser;
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.LINKEDIN;
  }

  @Override
  public boolean supports(URI link) {
    return PlatformUrls.onSiteOrSubdomain(link, properties.baseUrl())
        && link.getPath() != null
        && PROFILE.matcher(link.getPath()).matches();
  }

  @Override
  public SourceSnapshot crawl(CrawlRequest request) {
    if (!properties.hasCredentials()) {
      throw new FetchFailedException(
          FetchFailure.HTTP_ERROR,
          "LinkedIn credentials are not configured (LLMTWIN_CRAWLER_LINKEDIN_USERNAME/PASSWORD); import the data export instead");
    }
    if (!browser.available()) {
      throw new FetchFailedException(
          FetchFailure.CONNECTION_FAILED, "headless Chromium is not available for LinkedIn");
    }
    Matcher m = PROFILE.matcher(request.link().getPath());
    if (!m.matches()) {
      throw new FetchFailedException(FetchFailure.MALFORMED_CONTENT, "not a LinkedIn profile link");
    }
    String user = m.group(1);
    try (ChromiumBrowser.Session session = browser.open()) {
      WebDriver driver = session.driver();
      login(driver);
      driver.get(
          PlatformUrls.resolve(properties.baseUrl(), "/in/" + user + "/recent-activity/all/")
              .toString());
      Map<String, String> posts = collect(driver);
      List<CrawledDocument> documents = new ArrayList<>();
      posts.forEach(
          (urn, text) -> documents.add(CrawledDocument.of(post(request.authorId(), urn, text))));
      return new SourceSnapshot(
          request.link().toString(),
          Set.of(DocumentType.POST),
          documents,
          Set.of(),
          List.of(),
          false);
    } catch (WebDriverException e) {
      throw new FetchFailedException(
          FetchFailure.CONNECTION_FAILED,
          "LinkedIn page could not be read in the browser: " + e.getClass().getSimpleName());
    }
  }

  private void login(WebDriver driver) {
    driver.get(PlatformUrls.resolve(properties.baseUrl(), "/login").toString());
    WebDriverWait wait = new WebDriverWait(driver, properties.scrollWait().multipliedBy(5));
    wait.until(d -> !d.findElements(By.id("username")).isEmpty());
    driver.findElement(By.id("username")).sendKeys(properties.username());
    driver.findElement(By.id("password")).sendKeys(properties.password());
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> !d.getCurrentUrl().contains("/login"));
    if (d(driver).contains("/checkpoint")) {
      throw new FetchFailedException(
          FetchFailure.HTTP_ERROR, "LinkedIn asked for a security check; log in manually once");
    }
  }

  private static String d(WebDriver driver) {
    return driver.getCurrentUrl() == null ? "" : driver.getCurrentUrl();
  }

  private Map<String, String> collect(WebDriver driver) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    int seen = -1;
    for (int i = 0; i < properties.maxScrolls(); i++) {
      int count = driver.findElements(By.cssSelector(POST)).size();
      if (count == seen) {
        break;
      }
      seen = count;
      js.executeScript("window.scrollTo(0, document.body.scrollHeight);");
      try {
        int before = count;
        new WebDriverWait(driver, properties.scrollWait())
            .until(d -> d.findElements(By.cssSelector(POST)).size() > before);
      } catch (org.openqa.selenium.TimeoutException e) {
        break;
      }
    }
    for (WebElement button : driver.findElements(By.cssSelector(SEE_MORE))) {
      try {
        js.executeScript("arguments[0].click();", button);
      } catch (WebDriverException e) {
        // a button that vanished: its post keeps the visible text
      }
    }
    Map<String, String> posts = new LinkedHashMap<>();
    for (WebElement post : driver.findElements(By.cssSelector(POST))) {
      String urn = post.getAttribute("data-urn");
      List<WebElement> text = post.findElements(By.cssSelector(POST_TEXT));
      if (urn == null || text.isEmpty()) {
        continue;
      }
      String content = text.get(0).getText().replaceAll("(?i)…\\s*see more$", "").strip();
      if (!content.isEmpty()) {
        posts.putIfAbsent(urn, content);
      }
    }
    return posts;
  }

  private RawDocument post(String authorId, String urn, String text) {
    String link =
        PlatformUrls.resolve(properties.baseUrl(), "/feed/update/" + urn + "/").toString();
    return new RawDocument(
        DocumentIds.forUrl(link),
        DocumentType.POST,
        authorId,
        Platform.LINKEDIN,
        link,
        LinkedInExportImporter.firstLine(text),
        text,
        null,
        clock.instant(),
        DocumentIds.contentHash(text),
        null,
        null);
  }
}
