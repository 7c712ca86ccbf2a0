package io.llmtwin.crawler.browser;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium through Selenium, started with the local chromedriver only (Selenium Manager
 * never downloads anything). One browser per use, with a throw-away profile directory.
 */
public class ChromiumBrowser implements BrowserPageLoader {
  private static final Logger log = LoggerFactory.getLogger(ChromiumBrowser.class);
  private final BrowserProperties properties;

  /** A browser configured by {@code properties}. */
  public ChromiumBrowser(BrowserProperties properties) {
    this.properties = properties;
  }

  @Override
  public boolean available() {
    return properties.enabled() && new File(properties.chromedriverPath()).canExecute();
  }

  /** A running browser session; closing it quits the browser and removes its profile. */
  public final class Session implements AutoCloseable {
    private final WebDriver driver;
    private final Path profile;

    private Session(WebDriver driver, Path profile) {
      this.driver = driver;
      this.profile = profile;
    }

    /** The Selenium driver. */
    public WebDriver driver() {
      return driver;
    }

    @Override
    public void close() {
      try {
        driver.quit();
      } catch (WebDriverException e) {
        log.debug("browser did not quit cleanly: {}", e.getMessage());
      }
      deleteQuietly(profile);
    }
  }

  /** Starts a headless browser session. */
  public Session open() {
    if (!available()) {
      throw new IllegalStateException(
          "headless Chromium is not available (chromedriver at "
              + properties.chromedriverPath()
              + ")");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("llmtwin-chromium-");
    } catch (IOException e) {
      throw new IllegalStateException("cannot create a browser profile directory", e);
    }
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    if (new File(properties.chromiumPath()).canExecute()) {
      options.setBinary(properties.chromiumPath());
    }
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(properties.chromedriverPath()))
            .usingAnyFreePort()
            .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(properties.pageLoadTimeout());
      return new Session(driver, profile);
    } catch (WebDriverException e) {
      deleteQuietly(profile);
      throw e;
    }
  }

  @Override
  public Optional<String> render(URI uri) {
    if (!available()) {
      return Optional.empty();
    }
    try (Session session = open()) {
      WebDriver driver = session.driver();
      driver.get(uri.toString());
      new WebDriverWait(driver, properties.renderTimeout())
          .until(
              d ->
                  "complete"
                          .equals(
                              ((JavascriptExecutor) d).executeScript("return document.readyState"))
                      && Boolean.TRUE.equals(
                          ((JavascriptExecutor) d)
                              .executeScript(
                                  "return document.body != null && document.body.innerText.trim().length > 0")));
      return Optional.ofNullable(driver.getPageSource());
    } catch (WebDriverException e) {
      log.warn("headless browser could not render {}: {}", uri, e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not delete {}", dir);
    }
  }
}
