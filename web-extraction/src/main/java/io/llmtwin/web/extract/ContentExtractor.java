package io.llmtwin.web.extract;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the main content of an article page and renders it as Markdown-like text. Boilerplate is
 * removed in two passes: elements that are never content (scripts, navigation, forms, asides) and
 * elements whose class, id or role names boilerplate (comments, cookie banners, related links,
 * share bars) unless they hold most of the page's text. The content root is then the deepest
 * element holding most of the remaining paragraph text; link-heavy blocks inside it are dropped.
 */
public final class ContentExtractor {
  private static final String NEVER_CONTENT =
      "script, style, noscript, iframe, form, nav, footer, aside, svg, button, input, select,"
          + " textarea, template, object, embed, canvas, dialog, header, figure, figcaption, link,"
          + " meta, [hidden], [aria-hidden=true], [role=navigation], [role=banner],"
          + " [role=contentinfo], [role=complementary], [role=dialog], [role=alert]";
  private static final Pattern LEADING_NEWLINES = Pattern.compile("^\\n+");

  /** A list item rendered inside another list: its indentation is Markdown, not layout. */
  private static final Pattern NESTED_LIST_ITEM = Pattern.compile("( +)(?:[-*+]|\\d+\\.) ");

  private static final Pattern BOILERPLATE =
      Pattern.compile(
          "(?i)(^|[-_\\s])(comments?|disqus|responses|replies|reply|discussion|cookies?|consent|gdpr"
              + "|banner|sidebar|side-bar|widgets?|related|recommended|recommendations|read-next"
              + "|more-stories|share|sharing|social|newsletter|subscribe|subscription|signup"
              + "|sign-up|footer|nav|navbar|navigation|menu|breadcrumbs?|advert|advertisement|ads"
              + "|ad|sponsored|sponsor|promo|popup|modal|overlay|masthead|header|toolbar"
              + "|pagination|pager|author|authors|author-bio|author-info|bio|byline|read-time|reading-time|meta|post-meta|entry-meta|tags|tag-list"
              + "|categories|skip|toc|table-of-contents|jump|cta|paywall)([-_\\s]|$)");
  private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|\\-–—·:]\\s+[^|\\-–—·]+$");
  private static final Pattern JSON_LD_DATE =
      Pattern.compile("\"datePublished\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CODE_LANGUAGE = Pattern.compile("(?:language|lang)-([\\w+#-]+)");

  /** Elements whose text is weighed as one block when finding the content root. */
  private static final Set<String> BLOCK_TAGS =
      Set.of("p", "pre", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "td", "dd");

  private static final Set<String> SUBHEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
  private static final Set<String> LISTS = Set.of("ul", "ol");

  /** Containers rendered as paragraphs of their own. */
  private static final Set<String> CONTAINERS =
      Set.of("div", "section", "article", "main", "dl", "dd", "dt");

  private static final Set<String> LINK_LIST_CANDIDATES = Set.of("ul", "ol", "div", "section", "p");
  private static final Set<String> CODE_INLINE = Set.of("code", "kbd", "samp");
  private static final Set<String> NO_TEXT = Set.of("img", "script", "style", "svg", "button");

  /** Blocks met while rendering inline text: rendered as blocks. */
  private static final Set<String> NESTED_BLOCKS =
      Set.of(
          "ul", "ol", "pre", "blockquote", "table", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6");

  /** Extracts the article of {@code doc}, fetched from {@code pageUri}. */
  public ExtractedArticle extract(Document doc, URI pageUri) {
    return extract(doc, pageUri, Hints.NONE);
  }

  /** Extracts with platform hints (selectors for content root, title and subtitle). */
  public ExtractedArticle extract(Document doc, URI pageUri, Hints hints) {
    String title = title(doc, hints);
    String subtitle = firstText(doc, hints.subtitleSelector());
    Instant published = publishedAt(doc);
    String canonical = canonical(doc, pageUri);
    String language = language(doc);

    Element body = doc.body() == null ? new Element("body") : doc.body().clone();
    Element root =
        hints.contentSelector() == null ? null : body.selectFirst(hints.contentSelector());
    if (root == null) {
      removeBoilerplate(body);
      root = contentRoot(body);
    } else {
      root.select("script, style, noscript, button, svg, form, iframe").remove();
    }
    StringBuilder out = new StringBuilder();
    render(root, out, 0);
    String content = normalise(out.toString());
    content = dropLeadingTitle(content, title);
    if (subtitle != null) {
      content = dropLeadingLine(content, subtitle);
    }
    return new ExtractedArticle(canonical, title, subtitle, content, published, language);
  }

  /**
   * Selectors a platform crawler knows for its own pages; any may be null.
   *
   * @param contentSelector the article body
   * @param titleSelector the title
   * @param subtitleSelector the subtitle
   */
  public record Hints(String contentSelector, String titleSelector, String subtitleSelector) {
    /** No hints: generic extraction. */
    public static final Hints NONE = new Hints(null, null, null);
  }

  // ---- metadata -------------------------------------------------------------------------------

  private static String title(Document doc, Hints hints) {
    String hinted = firstText(doc, hints.titleSelector());
    if (hinted != null) {
      return hinted;
    }
    String og = meta(doc, "og:title");
    if (og != null) {
      return og;
    }
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    if (h1 != null && !h1.text().isBlank()) {
      return h1.text().trim();
    }
    String pageTitle = doc.title().trim();
    return TITLE_SEPARATOR.matcher(pageTitle).replaceFirst("").trim();
  }

  private static String firstText(Document doc, String selector) {
    if (selector == null) {
      return null;
    }
    Element element = doc.selectFirst(selector);
    return element == null || element.text().isBlank() ? null : element.text().trim();
  }

  private static String meta(Document doc, String name) {
    Element element =
        doc.selectFirst(
            "meta[property=" + name + "], meta[name=" + name + "], meta[itemprop=" + name + "]");
    if (element == null) {
      return null;
    }
    String content = element.attr("content").trim();
    return content.isEmpty() ? null : content;
  }

  private static Instant publishedAt(Document doc) {
    List<String> candidates = new ArrayList<>();
    for (String name :
        List.of(
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "publish-date",
            "dc.date")) {
      String value = meta(doc, name);
      if (value != null) {
        candidates.add(value);
      }
    }
    for (Element script : doc.select("script[type=application/ld+json]")) {
      Matcher m = JSON_LD_DATE.matcher(script.data());
      if (m.find()) {
        candidates.add(m.group(1));
      }
    }
    for (Element time : doc.select("time[datetime]")) {
      candidates.add(time.attr("datetime"));
    }
    for (String candidate : candidates) {
      Instant parsed = parseDate(candidate);
      if (parsed != null) {
        return parsed;
      }
    }
    return null;
  }

  /** Parses ISO-8601 instants, offset date-times, RFC 1123 dates and plain dates; else null. */
  public static Instant parseDate(String value) {
    String v = value == null ? "" : value.trim();
    if (v.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      // try the next format
    }
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      // try the next format
    }
    try {
      return Instant.parse(v);
    } catch (DateTimeParseException e) {
      // try the next format
    }
    try {
      return LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v)
          .atStartOfDay()
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String canonical(Document doc, URI pageUri) {
    Element link = doc.selectFirst("link[rel=canonical][href]");
    if (link != null) {
      try {
        URI canonical = pageUri.resolve(link.attr("href").trim());
        if (canonical.getHost() != null
            && canonical.getHost().equalsIgnoreCase(pageUri.getHost())
            && ("http".equals(canonical.getScheme()) || "https".equals(canonical.getScheme()))) {
          return canonical.toString();
        }
      } catch (IllegalArgumentException e) {
        // a broken canonical link: keep the fetched URL
      }
    }
    return pageUri.toString();
  }

  private static String language(Document doc) {
    Element html = doc.selectFirst("html[lang]");
    if (html == null) {
      return null;
    }
    String lang = html.attr("lang").trim().toLowerCase(Locale.ROOT);
    int dash = lang.indexOf('-');
    lang = dash > 0 ? lang.substring(0, dash) : lang;
    return lang.isEmpty() ? null : lang;
  }

  // ---- content root ---------------------------------------------------------------------------

  private static void removeBoilerplate(Element body) {
    int total = paragraphText(body);
    for (Element element : body.select(NEVER_CONTENT)) {
      if (element.parent() != null && !holdsMost(element, total)) {
        element.remove();
      }
    }
    for (Element element : new ArrayList<>(body.getAllElements())) {
      if (element == body || element.parent() == null) {
        continue;
      }
      String names = element.className() + " " + element.id() + " " + element.attr("role");
      if (BOILERPLATE.matcher(names.replace('_', '-')).find() && !holdsMost(element, total)) {
        element.remove();
      }
    }
  }

  private static boolean holdsMost(Element element, int total) {
    return total > 0 && paragraphText(element) * 2 > total;
  }

  private static int paragraphText(Element element) {
    int length = 0;
    for (Element p : element.select("p, pre")) {
      length += p.text().length();
    }
    return length;
  }

  private static Element contentRoot(Element body) {
    Map<Element, Integer> weight = new IdentityHashMap<>();
    int total = 0;
    for (Element block : body.getAllElements()) {
      if (!isTag(block, BLOCK_TAGS) || insideBlock(block)) {
        continue;
      }
      int w = blockWeight(block);
      if (w == 0) {
        continue;
      }
      total += w;
      for (Element e = block.parent(); e != null; e = e.parent()) {
        weight.merge(e, w, Integer::sum);
      }
    }
    for (Element container : body.select("div, section, article, main, td")) {
      // old sites separate paragraphs with <br> inside one container: count its own text
      int own = container.ownText().length();
      if (own < 50 || insideBlock(container)) {
        continue;
      }
      total += own;
      for (Element e = container; e != null; e = e.parent()) {
        weight.merge(e, own, Integer::sum);
      }
    }
    if (total == 0) {
      return body;
    }
    Element best = body;
    int bestDepth = -1;
    for (Map.Entry<Element, Integer> entry : weight.entrySet()) {
      int depth = entry.getKey().parents().size();
      if (entry.getValue() >= 0.8 * total && depth > bestDepth) {
        best = entry.getKey();
        bestDepth = depth;
      }
    }
    return best;
  }

  private static boolean insideBlock(Element element) {
    for (Element e = element.parent(); e != null; e = e.parent()) {
      if (isTag(e, BLOCK_TAGS)) {
        return true;
      }
    }
    return false;
  }

  private static int blockWeight(Element block) {
    String text = block.text();
    int length = text.length();
    if (length == 0) {
      return 0;
    }
    int linkText = 0;
    for (Element a : block.select("a")) {
      linkText += a.text().length();
    }
    if (linkText * 2 > length) {
      return 0;
    }
    boolean heading = isTag(block, SUBHEADINGS);
    if (!heading && !block.nameIs("pre") && length < 25) {
      return 0;
    }
    return length - linkText;
  }

  // ---- rendering ------------------------------------------------------------------------------

  private static void render(Element element, StringBuilder out, int listIndent) {
    for (Node child : element.childNodes()) {
      if (child instanceof TextNode text) {
        String t = text.text();
        if (!t.isBlank()) {
          out.append(t);
        }
      } else if (child instanceof Element e) {
        renderElement(e, out, listIndent);
      }
    }
  }

  private static void renderElement(Element e, StringBuilder out, int listIndent) {
    String tag = e.normalName();
    if (isLinkList(e)) {
      return;
    }
    switch (tag) {
      case "h1", "h2", "h3", "h4", "h5", "h6" -> {
        String text = e.text().trim();
        if (!text.isEmpty()) {
          out.append("\n\n")
              .append("#".repeat(tag.charAt(1) - '0'))
              .append(' ')
              .append(text)
              .append("\n\n");
        }
      }
      case "p" -> {
        out.append("\n\n");
        inline(e, out);
        out.append("\n\n");
      }
      case "pre" -> {
        String lang = codeLanguage(e);
        out.append("\n\n```")
            .append(lang)
            .append('\n')
            .append(stripTrailingNewlines(e.wholeText()))
            .append("\n```\n\n");
      }
      case "ul", "ol" -> {
        out.append("\n\n");
        int n = 1;
        for (Element li : e.children()) {
          if (!li.nameIs("li")) {
            continue;
          }
          String marker = tag.equals("ol") ? (n++) + ". " : "- ";
          out.append(" ".repeat(listIndent)).append(marker);
          StringBuilder item = new StringBuilder();
          for (Node node : li.childNodes()) {
            if (node instanceof Element nested && isTag(nested, LISTS)) {
              out.append(normaliseInline(item.toString())).append('\n');
              item.setLength(0);
              StringBuilder sub = new StringBuilder();
              // a nested list starts where its parent item's text starts (CommonMark)
              renderElement(nested, sub, listIndent + marker.length());
              out.append(LEADING_NEWLINES.matcher(sub).replaceFirst("").stripTrailing())
                  .append('\n');
            } else if (node instanceof Element el) {
              inlineNode(el, item);
            } else if (node instanceof TextNode t) {
              item.append(t.text());
            }
          }
          if (item.length() > 0) {
            out.append(normaliseInline(item.toString())).append('\n');
          }
        }
        out.append("\n");
      }
      case "blockquote" -> {
        StringBuilder inner = new StringBuilder();
        render(e, inner, listIndent);
        out.append("\n\n");
        for (String line : normalise(inner.toString()).split("\n")) {
          out.append("> ").append(line).append('\n');
        }
        out.append('\n');
      }
      case "table" -> {
        out.append("\n\n");
        boolean header = true;
        for (Element row : e.select("tr")) {
          List<String> cells = new ArrayList<>();
          for (Element cell : row.select("th, td")) {
            cells.add(cell.text().trim().replace("|", "\\|"));
          }
          if (cells.isEmpty()) {
            continue;
          }
          out.append("| ").append(String.join(" | ", cells)).append(" |\n");
          if (header) {
            // GitHub-flavoured Markdown needs a delimiter row under the first (header) row
            out.append("|").append(" --- |".repeat(cells.size())).append('\n');
            header = false;
          }
        }
        out.append('\n');
      }
      case "br" -> out.append('\n');
      case "img", "hr", "picture", "video", "audio", "source" -> {
        // media carries no text
      }
      case "div",
          "section",
          "article",
          "main",
          "body",
          "span",
          "center",
          "font",
          "dl",
          "dd",
          "dt" -> {
        if (isTag(e, CONTAINERS)) {
          out.append("\n\n");
        }
        render(e, out, listIndent);
        if (isTag(e, CONTAINERS)) {
          out.append("\n\n");
        }
      }
      default -> inlineNode(e, out);
    }
  }

  private static boolean isLinkList(Element e) {
    if (!isTag(e, LINK_LIST_CANDIDATES)) {
      return false;
    }
    String text = e.text();
    if (text.isEmpty() || text.length() > 400) {
      return false;
    }
    int linkText = 0;
    for (Element a : e.select("a")) {
      linkText += a.text().length();
    }
    return linkText * 10 > text.length() * 6;
  }

  private static void inline(Element e, StringBuilder out) {
    StringBuilder text = new StringBuilder();
    for (Node node : e.childNodes()) {
      if (node instanceof TextNode t) {
        text.append(t.text());
      } else if (node instanceof Element el) {
        inlineNode(el, text);
      }
    }
    out.append(normaliseInline(text.toString()));
  }

  private static void inlineNode(Element el, StringBuilder out) {
    if (el.nameIs("br")) {
      out.append('\n');
    } else if (isTag(el, CODE_INLINE)) {
      out.append('`').append(el.text()).append('`');
    } else if (isTag(el, NO_TEXT)) {
      // no text
    } else if (isTag(el, NESTED_BLOCKS)) {
      renderElement(el, out, 0);
    } else {
      for (Node node : el.childNodes()) {
        if (node instanceof TextNode t) {
          out.append(t.text());
        } else if (node instanceof Element child) {
          inlineNode(child, out);
        }
      }
    }
  }

  private static String codeLanguage(Element pre) {
    Element code = pre.selectFirst("code[class]");
    String classes = (code == null ? "" : code.className()) + " " + pre.className();
    Matcher m = CODE_LANGUAGE.matcher(classes);
    return m.find() ? m.group(1) : "";
  }

  private static String stripTrailingNewlines(String text) {
    String t = text;
    while (t.startsWith("\n")) {
      t = t.substring(1);
    }
    while (t.endsWith("\n") || t.endsWith(" ")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  private static String normaliseInline(String text) {
    return text.replace('\u00a0', ' ')
        .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
        .replaceAll(" *\n *", "\n")
        .trim();
  }

  private static String normalise(String text) {
    StringBuilder out = new StringBuilder();
    boolean inCode = false;
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("```")) {
        inCode = !inCode;
        out.append(line.strip()).append('\n');
      } else if (inCode) {
        out.append(line).append('\n');
      } else {
        Matcher item = NESTED_LIST_ITEM.matcher(line);
        String indent = item.lookingAt() ? item.group(1) : ""; // keeps nested lists nested
        out.append(indent)
            .append(line.replace('\u00a0', ' ').replaceAll("[ \\t]+", " ").strip())
            .append('\n');
      }
    }
    return out.toString().replaceAll("\n{3,}", "\n\n").strip();
  }

  private static String dropLeadingTitle(String content, String title) {
    if (title == null || title.isBlank()) {
      return content;
    }
    String firstLine = content.lines().findFirst().orElse("");
    String heading = firstLine.replaceFirst("^#+\\s*", "").trim();
    if (heading.equalsIgnoreCase(title.trim())) {
      return content.substring(firstLine.length()).strip();
    }
    return content;
  }

  private static String dropLeadingLine(String content, String line) {
    String firstLine = content.lines().findFirst().orElse("");
    if (firstLine.replaceFirst("^#+\\s*", "").trim().equalsIgnoreCase(line.trim())) {
      return content.substring(firstLine.length()).strip();
    }
    return content;
  }

  private static boolean isTag(Element e, Set<String> tags) {
    return tags.contains(e.normalName());
  }
}
