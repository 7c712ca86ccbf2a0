package io.llmtwin.web.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of one robots.txt that apply to the crawler: the groups naming our product token (even
 * an empty one, which allows everything), else the {@code *} group. Longest matching rule wins;
 * Allow wins ties. Supports {@code *} and {@code $} in paths.
 */
final class RobotsRules {
  static final RobotsRules ALLOW_ALL = new RobotsRules(List.of());

  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");
  private static final Pattern COMMENT = Pattern.compile("#.*");

  /**
   * One Allow or Disallow line.
   *
   * @param allow whether it allows
   * @param pattern the path pattern as written; its length ranks the rule
   * @param regex the pattern compiled: {@code *} matches anything, a trailing {@code $} anchors
   */
  private record Rule(boolean allow, String pattern, Pattern regex) {
    static Rule of(boolean allow, String pattern) {
      boolean anchored = pattern.endsWith("$");
      String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
      StringBuilder regex = new StringBuilder();
      for (String piece : p.split("\\*", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(piece));
      }
      return new Rule(allow, pattern, Pattern.compile(regex + (anchored ? "" : ".*")));
    }

    boolean matches(String path) {
      return regex.matcher(path).matches();
    }
  }

  private final List<Rule> rules;

  private RobotsRules(List<Rule> rules) {
    this.rules = rules;
  }

  static RobotsRules parse(String robotsTxt, String productToken) {
    String token = productToken.toLowerCase(Locale.ROOT);
    List<Rule> specific = new ArrayList<>();
    List<Rule> generic = new ArrayList<>();
    List<String> agents = new ArrayList<>();
    boolean namesUs = false;
    boolean inRules = false;
    for (String rawLine : LINE_BREAK.split(robotsTxt)) {
      String line = COMMENT.matcher(rawLine).replaceFirst("").trim();
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).trim();
      if (key.equals("user-agent")) {
        if (inRules) {
          agents.clear();
          inRules = false;
        }
        String agent = value.toLowerCase(Locale.ROOT);
        agents.add(agent);
        namesUs |= names(agent, token);
      } else if (key.equals("allow") || key.equals("disallow")) {
        inRules = true;
        if (key.equals("disallow") && value.isEmpty()) {
          continue;
        }
        Rule rule = Rule.of(key.equals("allow"), value);
        for (String agent : agents) {
          if (names(agent, token)) {
            specific.add(rule);
          } else if (agent.equals("*")) {
            generic.add(rule);
          }
        }
      }
    }
    // a group naming us replaces the * group, even when it allows everything (RFC 9309 2.2.1)
    return new RobotsRules(namesUs ? specific : generic);
  }

  /**
   * Whether a User-agent value names our product token: compared case-insensitively and whole (RFC
   * 9309 2.2.1), after dropping a version or comment ({@code LLMTwinCrawler/1.0} names {@code
   * LLMTwinCrawler}; {@code Twin} does not).
   */
  private static boolean names(String agent, String token) {
    int end = 0;
    while (end < agent.length()
        && agent.charAt(end) != '/'
        && !Character.isWhitespace(agent.charAt(end))) {
      end++;
    }
    return end > 0 && agent.substring(0, end).equals(token);
  }

  boolean allows(String pathAndQuery) {
    String path = pathAndQuery.isEmpty() ? "/" : pathAndQuery;
    Rule best = null;
    for (Rule rule : rules) {
      if (rule.matches(path)
          && (best == null
              || rule.pattern().length() > best.pattern().length()
              || (rule.pattern().length() == best.pattern().length() && rule.allow()))) {
        best = rule;
      }
    }
    return best == null || best.allow();
  }
}
