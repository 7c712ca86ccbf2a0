package io.llmtwin.inference.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmtwin.inference.TinyModelFixture;
import io.llmtwin.inference.api.ApiClient;
import io.llmtwin.inference.api.FixtureFeatureStore;
import io.llmtwin.testsupport.WithTestInfrastructure;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Headless Chromium loads the page at {@code /}, stores the API key, submits a prompt and sees the
 * post stream in and the sources rendered as links. The model is the real tiny GGUF of {@link
 * TinyModelFixture} served by llama.cpp: its text is gibberish, so the test checks that token
 * events reached the page, the stats and the sources, not the words. A screenshot is saved to
 * {@code target/screenshots/web-page.png}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "llmtwin.security.api-keys=author-1:test-key-123",
      "llmtwin.inference.limits.requests-per-minute=0"
    })
@WithTestInfrastructure
@Import(FixtureFeatureStore.class)
class WebPageIT {
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  static final File CHROMIUM = new File("/usr/bin/chromium");

  @LocalServerPort int port;
  ChromeDriver browser;
  Path profile;

  @DynamicPropertySource
  static void model(DynamicPropertyRegistry registry) {
    TinyModelFixture.serve(registry);
  }

  @BeforeEach
  void startBrowser() throws Exception {
    assumeTrue(CHROMEDRIVER.canExecute(), "chromedriver is not installed");
    System.setProperty("SE_OFFLINE", "true");
    profile = Files.createTempDirectory("webpage-it-");
    ChromeOptions options = new ChromeOptions();
    if (CHROMIUM.canExecute()) {
      options.setBinary(CHROMIUM);
    }
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1100,1200",
        "--user-data-dir=" + profile);
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterEach
  void stopBrowser() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void pageStreamsThePostAndRendersTheSources() throws Exception {
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get("http://localhost:" + port + "/");
    assertThat(browser.getTitle()).isEqualTo("LLM Twin");

    browser.findElement(By.id("api-key")).sendKeys("test-key-123");
    browser.findElement(By.id("save-key")).click();
    browser.navigate().refresh();
    assertThat(browser.findElement(By.id("key-status")).getText()).contains("Key saved");

    String prompt = "Write about Rust ownership " + System.nanoTime();
    browser.findElement(By.id("prompt")).sendKeys(prompt);
    new Select(browser.findElement(By.id("platform"))).selectByValue("linkedin");
    WebElement maxTokens = browser.findElement(By.id("max-tokens"));
    maxTokens.clear();
    maxTokens.sendKeys("16");
    browser.findElement(By.id("generate")).click();

    WebElement output = browser.findElement(By.id("output"));
    wait.until(d -> d.findElement(By.id("status")).getText().equals("Done."));
    int tokenEvents = Integer.parseInt(output.getDomAttribute("data-tokens"));
    assertThat(tokenEvents).isBetween(1, 16);
    assertThat(output.getText()).isNotBlank();
    List<WebElement> links = browser.findElements(By.cssSelector("#sources li a"));
    assertThat(links)
        .extracting(WebElement::getText)
        .containsExactlyElementsOf(FixtureFeatureStore.AUTHOR_1_TITLES);
    assertThat(links.get(0).getDomAttribute("href")).isEqualTo("https://blog.example/rust");
    String stats = browser.findElement(By.id("stats")).getText();
    assertThat(stats).containsPattern("^\\d+ tokens").contains("model llm-twin");
    assertThat(Integer.parseInt(stats.substring(0, stats.indexOf(' ')))).isBetween(tokenEvents, 16);
    assertThat(
            new ApiClient(port)
                .awaitTrace("test-key-123", prompt)
                .path("renderedPrompt")
                .asString())
        .contains("Write a LinkedIn post: " + prompt);

    Path screenshot = Path.of("target", "screenshots", "web-page.png");
    Files.createDirectories(screenshot.getParent());
    Files.copy(
        browser.getScreenshotAs(OutputType.FILE).toPath(),
        screenshot,
        StandardCopyOption.REPLACE_EXISTING);
    assertThat(screenshot).isNotEmptyFile();
  }
}
