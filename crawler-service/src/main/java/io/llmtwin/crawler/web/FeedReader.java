package io.llmtwin.crawler.web;

import io.llmtwin.web.extract.ContentExtractor;
import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchFailure;
import io.llmtwin.web.fetch.FetchedPage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** Reads RSS 2.0 and Atom feeds into items; anything else is a clear failure. */
public final class FeedReader {

  /**
   * One feed entry.
   *
   * @param link absolute link of the entry
   * @param title title, may be empty
   * @param publishedAt publication time, or null
   * @param contentHtml full content HTML when the feed carries it, else null
   */
  public record FeedItem(String link, String title, Instant publishedAt, String contentHtml) {}

  /** Whether the page looks like a feed rather than an HTML page. */
  public static boolean looksLikeFeed(FetchedPage page) {
    String type = page.contentType() == null ? "" : page.contentType().toLowerCase();
    if (type.contains("rss") || type.contains("atom") || type.contains("xml")) {
      return true;
    }
    String start =
        new String(
                page.body(),
                0,
                Math.min(page.body().length, 512),
                java.nio.charset.StandardCharsets.ISO_8859_1)
            .trim();
    return start.startsWith("<?xml") || start.startsWith("<rss") || start.startsWith("<feed");
  }

  /** Parses the feed; throws {@link FetchFailedException} with MALFORMED_CONTENT when broken. */
  public List<FeedItem> read(FetchedPage page) {
    String xml = page.text();
    requireWellFormed(xml, page.uri());
    Document doc = Jsoup.parse(xml, page.uri().toString(), Parser.xmlParser());
    List<FeedItem> items = new ArrayList<>();
    boolean rss = doc.selectFirst("rss > channel, rdf|RDF") != null;
    boolean atom = doc.selectFirst("feed") != null;
    if (!rss && !atom) {
      throw new FetchFailedException(
          FetchFailure.MALFORMED_CONTENT, page.uri() + " is not an RSS or Atom feed");
    }
    for (Element item : doc.select("item")) {
      String link = text(item, "link");
      if (link.isEmpty()) {
        link = text(item, "guid");
      }
      String content = text(item, "content|encoded");
      if (content.isEmpty()) {
        content = text(item, "description");
      }
      add(items, page.uri(), link, text(item, "title"), text(item, "pubDate"), content);
    }
    for (Element entry : doc.select("entry")) {
      Element link =
          entry.selectFirst("link[rel=alternate][href], link:not([rel])[href], link[href]");
      String published = text(entry, "published");
      add(
          items,
          page.uri(),
          link == null ? "" : link.attr("href"),
          text(entry, "title"),
          published.isEmpty() ? text(entry, "updated") : published,
          text(entry, "content"));
    }
    if (rss && doc.select("item").isEmpty() && doc.selectFirst("channel > title") == null) {
      throw new FetchFailedException(
          FetchFailure.MALFORMED_CONTENT, page.uri() + " is an RSS document without a channel");
    }
    return items;
  }

  /** Rejects truncated or otherwise broken XML; DTDs and external entities are refused. */
  private static void requireWellFormed(String xml, URI uri) {
    try {
      javax.xml.parsers.SAXParserFactory factory = javax.xml.parsers.SAXParserFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory
          .newSAXParser()
          .parse(
              new org.xml.sax.InputSource(new java.io.StringReader(xml.strip())),
              new org.xml.sax.helpers.DefaultHandler());
    } catch (org.xml.sax.SAXException e) {
      throw new FetchFailedException(
          FetchFailure.MALFORMED_CONTENT, uri + " is not a well-formed feed: " + e.getMessage());
    } catch (javax.xml.parsers.ParserConfigurationException | java.io.IOException e) {
      throw new FetchFailedException(
          FetchFailure.MALFORMED_CONTENT, "cannot parse the feed at " + uri, e);
    }
  }

  private static void add(
      List<FeedItem> items, URI base, String link, String title, String date, String content) {
    if (link.isBlank()) {
      return;
    }
    try {
      URI resolved = base.resolve(link.trim());
      items.add(
          new FeedItem(
              resolved.toString(),
              title,
              ContentExtractor.parseDate(date),
              content.isBlank() ? null : content));
    } catch (IllegalArgumentException e) {
      // an item with a broken link is skipped; the rest of the feed is still read
    }
  }

  private static String text(Element parent, String selector) {
    Element e = parent.selectFirst(selector);
    return e == null ? "" : Parser.unescapeEntities(e.text(), false).trim();
  }
}
