package io.llmtwin.web.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RobotsRulesTest {
  static final String ROBOTS =
      """
      # comments are ignored
      User-agent: *
      Disallow: /private/
      Allow: /private/public-note
      Disallow: /*.pdf$

      User-agent: BadBot
      Disallow: /
      """;

  @Test
  void longestMatchWinsAndAllowWinsTies() {
    RobotsRules rules = RobotsRules.parse(ROBOTS, "LLMTwinCrawler");
    assertThat(rules.allows("/blog/post")).isTrue();
    assertThat(rules.allows("/private/diary")).isFalse();
    assertThat(rules.allows("/private/public-note")).isTrue();
    assertThat(rules.allows("/files/cv.pdf")).isFalse();
    assertThat(rules.allows("/files/cv.pdf?download=1")).isTrue();
  }

  @Test
  void specificGroupReplacesTheGenericOne() {
    RobotsRules rules =
        RobotsRules.parse(
            ROBOTS + "\nUser-agent: llmtwincrawler\nDisallow: /drafts\n", "LLMTwinCrawler");
    assertThat(rules.allows("/drafts/1")).isFalse();
    assertThat(rules.allows("/private/diary")).isTrue();
    assertThat(RobotsRules.parse(ROBOTS, "BadBot").allows("/anything")).isFalse();
  }

  @Test
  void emptyDisallowAllowsEverything() {
    assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", "x").allows("/a")).isTrue();
  }
}
