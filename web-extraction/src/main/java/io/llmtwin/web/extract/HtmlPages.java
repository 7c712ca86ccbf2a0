package io.llmtwin.web.extract;

import io.llmtwin.web.fetch.FetchFailedException;
import io.llmtwin.web.fetch.FetchFailure;
import io.llmtwin.web.fetch.FetchedPage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Turns fetched bytes into an HTML document, refusing empty and binary responses. */
public final class HtmlPages {
  private HtmlPages() {}

  /** Parses a fetched HTML page, honouring a declared charset strictly. */
  public static Document parse(FetchedPage page) {
    byte[] body = page.body();
    if (body.length == 0 || new String(body, StandardCharsets.ISO_8859_1).isBlank()) {
      throw new FetchFailedException(
          FetchFailure.EMPTY_CONTENT, page.uri() + " returned an empty page");
    }
    for (int i = 0; i < Math.min(body.length, 4096); i++) {
      if (body[i] == 0) {
        throw new FetchFailedException(
            FetchFailure.UNDECODABLE_CONTENT, page.uri() + " returned binary data, not a page");
      }
    }
    if (page.declaredCharset().isPresent()) {
      return Jsoup.parse(page.text(), page.uri().toString());
    }
    try {
      return Jsoup.parse(new ByteArrayInputStream(body), null, page.uri().toString());
    } catch (IOException e) {
      throw new FetchFailedException(
          FetchFailure.MALFORMED_CONTENT, "cannot parse " + page.uri(), e);
    }
  }
}
