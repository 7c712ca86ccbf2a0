package io.llmtwin.crawler.linkedin;

import io.llmtwin.crawler.crawl.CrawledDocument;
import io.llmtwin.crawler.crawl.PlatformUrls;
import io.llmtwin.crawler.crawl.SourceSnapshot;
import io.llmtwin.crawler.crawl.SourceSync;
import io.llmtwin.crawler.crawl.SyncCounts;
import io.llmtwin.model.document.DocumentIds;
import io.llmtwin.model.document.DocumentType;
import io.llmtwin.model.document.Platform;
import io.llmtwin.model.document.RawDocument;
import io.llmtwin.web.extract.ContentExtractor;
import io.llmtwin.web.extract.ExtractedArticle;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Imports LinkedIn's official data export: posts from {@code Shares.csv} and articles from {@code
 * Articles/Articles/*.html}. The export is complete, so a re-import deletes posts the user has
 * since removed (when deletion is configured).
 */
public class LinkedInExportImporter {
  private static final DateTimeFormatter EXPORT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");
  private static final Pattern CREATED =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(?::\\d{2})?)");

  private final LinkedInProperties properties;
  private final SourceSync sync;
  private final Clock clock;
  private final ContentExtractor extractor = new ContentExtractor();

  /** An importer applying exports through {@code sync}. */
  public LinkedInExportImporter(LinkedInProperties properties, SourceSync sync, Clock clock) {
    this.properties = properties;
    this.sync = sync;
    this.clock = clock;
  }

  /**
   * What an import did.
   *
   * @param posts posts found in the export
   * @param articles articles found in the export
   * @param counts store changes
   * @param skipped rows or files skipped, with the reason
   */
  public record ImportResult(int posts, int articles, SyncCounts counts, List<String> skipped) {}

  /** Reads and stores the export; throws {@link ZipRejectedException} for unsafe archives. */
  public ImportResult importExport(String authorId, InputStream zip, long size) {
    if (size > properties.maxUploadBytes()) {
      throw new ZipRejectedException(
          ZipRejectedException.Reason.TOTAL_TOO_LARGE,
          "the upload is larger than " + properties.maxUploadBytes() + " bytes");
    }
    Map<String, byte[]> files =
        new SafeZipReader(properties).read(zip, size, LinkedInExportImporter::wanted);
    List<CrawledDocument> documents = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int posts = 0;
    int articles = 0;
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      String name = file.getKey();
      String text = new String(file.getValue(), StandardCharsets.UTF_8);
      if (baseName(name).equalsIgnoreCase("shares.csv")) {
        List<CrawledDocument> found = shares(authorId, text, skipped);
        posts += found.size();
        documents.addAll(found);
      } else {
        CrawledDocument article = article(authorId, name, text, skipped);
        if (article != null) {
          articles++;
          documents.add(article);
        }
      }
    }
    if (files.isEmpty()) {
      throw new ZipRejectedException(
          ZipRejectedException.Reason.NO_CONTENT,
          "the archive has no Shares.csv and no Articles/*.html: is it a LinkedIn data export?");
    }
    SourceSnapshot snapshot =
        new SourceSnapshot(
            "linkedin-export:" + authorId,
            Set.of(DocumentType.POST, DocumentType.ARTICLE),
            dedupe(documents),
            Set.of(),
            List.of(),
            true);
    return new ImportResult(posts, articles, sync.apply(authorId, snapshot), List.copyOf(skipped));
  }

  private static List<CrawledDocument> dedupe(List<CrawledDocument> documents) {
    Map<String, CrawledDocument> byId = new java.util.LinkedHashMap<>();
    documents.forEach(d -> byId.putIfAbsent(d.document().id(), d));
    return List.copyOf(byId.values());
  }

  private static boolean wanted(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return baseName(lower).equals("shares.csv")
        || (lower.contains("articles/") && lower.endsWith(".html"));
  }

  private static String baseName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  private List<CrawledDocument> shares(String authorId, String csv, List<String> skipped) {
    List<List<String>> rows = CsvParser.parse(csv);
    List<CrawledDocument> docs = new ArrayList<>();
    if (rows.isEmpty()) {
      return docs;
    }
    List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    int date = header.indexOf("date");
    int link = header.indexOf("sharelink");
    int text = header.indexOf("sharecommentary");
    if (text < 0) {
      skipped.add("Shares.csv: no ShareCommentary column");
      return docs;
    }
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      String content = text < row.size() ? row.get(text).strip() : "";
      if (content.isEmpty()) {
        skipped.add("Shares.csv row " + r + ": no text (a reshare)");
        continue;
      }
      String shareLink = link >= 0 && link < row.size() ? row.get(link).trim() : "";
      if (!shareLink.startsWith("https://") && !shareLink.startsWith("http://")) {
        shareLink =
            PlatformUrls.resolve(
                    properties.baseUrl(),
                    "/feed/update/export-" + DocumentIds.contentHash(content).substring(0, 16))
                .toString();
      }
      Instant published = date >= 0 && date < row.size() ? exportDate(row.get(date)) : null;
      String title = firstLine(content);
      RawDocument doc =
          new RawDocument(
              DocumentIds.forUrl(shareLink),
              DocumentType.POST,
              authorId,
              Platform.LINKEDIN,
              shareLink,
              title,
              content,
              published,
              clock.instant(),
              DocumentIds.contentHash(content),
              null,
              null);
      docs.add(CrawledDocument.of(doc));
    }
    return docs;
  }

  private CrawledDocument article(String authorId, String name, String html, List<String> skipped) {
    Document doc = Jsoup.parse(html, properties.baseUrl().toString());
    Element h1 = doc.selectFirst("h1");
    String title = h1 == null ? doc.title() : h1.text();
    Element anchor = h1 == null ? null : h1.selectFirst("a[href]");
    String link =
        anchor != null && anchor.absUrl("href").startsWith("http")
            ? anchor.absUrl("href")
            : PlatformUrls.resolve(
                    properties.baseUrl(), "/pulse/" + baseName(name).replaceFirst("\\.html$", ""))
                .toString();
    Instant published = null;
    for (Element p : doc.select("p.published, p.created")) {
      Matcher m = CREATED.matcher(p.text());
      if (m.find() && published == null) {
        published = exportDate(m.group(1));
      }
    }
    doc.select("p.published, p.created, h1, img").remove();
    ExtractedArticle extracted =
        extractor.extract(doc, URI.create(link), new ContentExtractor.Hints("body", null, null));
    if (extracted.content().isBlank()) {
      skipped.add(name + ": no article text");
      return null;
    }
    RawDocument raw =
        new RawDocument(
            DocumentIds.forUrl(link),
            DocumentType.ARTICLE,
            authorId,
            Platform.LINKEDIN,
            link,
            title == null || title.isBlank() ? baseName(name) : title.trim(),
            extracted.content(),
            published,
            clock.instant(),
            DocumentIds.contentHash(extracted.content()),
            extracted.language(),
            null);
    return CrawledDocument.of(raw);
  }

  private static Instant exportDate(String value) {
    try {
      return LocalDateTime.parse(value.trim(), EXPORT_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return ContentExtractor.parseDate(value);
    }
  }

  static String firstLine(String content) {
    String line = content.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    return line.length() <= 80 ? line : line.substring(0, 77) + "...";
  }
}
