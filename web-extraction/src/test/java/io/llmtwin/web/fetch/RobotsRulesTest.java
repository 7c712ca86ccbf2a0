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

  @Test
  void starMatchesAnyRunOfCharactersAndOtherCharactersAreLiteral() {
    RobotsRules rules =
        RobotsRules.parse(
            "User-agent: *\nDisallow: /*/drafts/\nAllow: /team/*/drafts/public$\nDisallow: /a.b\n",
            "x");
    assertThat(rules.allows("/alex/drafts/1")).isFalse();
    assertThat(rules.allows("/alex/posts/1")).isTrue();
    assertThat(rules.allows("/team/a/drafts/public")).isTrue();
    assertThat(rules.allows("/team/a/drafts/public/2")).isFalse();
    assertThat(rules.allows("/a.b/c")).isFalse();
    assertThat(rules.allows("/axb/c")).isTrue();
  }

  @Test
  void specificGroupWithOnlyAnEmptyDisallowReplacesTheGenericRules() {
    // RFC 9309: the group naming us is the one we obey, and an empty Disallow allows everything
    RobotsRules rules =
        RobotsRules.parse(ROBOTS + "\nUser-agent: LLMTwinCrawler\nDisallow:\n", "LLMTwinCrawler");
    assertThat(rules.allows("/private/diary")).isTrue();
    assertThat(rules.allows("/blog/post")).isTrue();
    RobotsRules others =
        RobotsRules.parse(ROBOTS + "\nUser-agent: OtherBot\nDisallow:\n", "LLMTwinCrawler");
    assertThat(others.allows("/private/diary")).isFalse();
  }

  @Test
  void onlyAGroupNamingTheWholeProductTokenIsOurs() {
    String robots = "User-agent: *\nDisallow: /\n\nUser-agent: %s\nDisallow:\n";
    assertThat(RobotsRules.parse(robots.formatted("Twin"), "LLMTwinCrawler").allows("/a"))
        .isFalse();
    assertThat(RobotsRules.parse(robots.formatted(""), "LLMTwinCrawler").allows("/a")).isFalse();
    assertThat(RobotsRules.parse(robots.formatted("llmtwincrawler"), "LLMTwinCrawler").allows("/a"))
        .isTrue();
    assertThat(
            RobotsRules.parse(robots.formatted("LLMTwinCrawler/2.0"), "LLMTwinCrawler")
                .allows("/a"))
        .isTrue();
  }
}
