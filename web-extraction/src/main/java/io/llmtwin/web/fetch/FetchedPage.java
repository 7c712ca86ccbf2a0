package io.llmtwin.web.fetch;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;

/**
 * A fetched response body.
 *
 * @param uri the final URI after redirects
 * @param status HTTP status (304 when {@link #notModified()})
 * @param contentType the Content-Type header, or empty
 * @param body the body bytes, at most the configured cap
 * @param etag ETag header, or null
 * @param lastModified Last-Modified header, or null
 */
public record FetchedPage(
    URI uri, int status, String contentType, byte[] body, String etag, String lastModified) {

  /** Whether a conditional request found the page unchanged. */
  public boolean notModified() {
    return status == 304;
  }

  /** The charset named in the Content-Type header, if any and known. */
  public Optional<Charset> declaredCharset() {
    String type = contentType == null ? "" : contentType;
    for (String part : type.split(";")) {
      String p = part.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = p.substring(8).replace("\"", "").trim();
        try {
          return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The body decoded with the declared charset (UTF-8 when none is declared). Fails with {@link
   * FetchFailure#UNDECODABLE_CONTENT} when the bytes are not text in that charset.
   */
  public String text() {
    Charset charset = declaredCharset().orElse(StandardCharsets.UTF_8);
    try {
      CharBuffer chars =
          charset
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new FetchFailedException(
          FetchFailure.UNDECODABLE_CONTENT,
          "the response from " + uri + " is not valid " + charset.name() + " text",
          e);
    }
  }
}
