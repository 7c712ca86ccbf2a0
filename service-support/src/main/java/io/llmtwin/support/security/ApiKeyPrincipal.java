package io.llmtwin.support.security;

/**
 * Who is calling: the author an API key is bound to. Controllers receive it with
 * {@code @AuthenticationPrincipal ApiKeyPrincipal principal}.
 *
 * @param authorId the author this key acts for
 * @param keyId a non-secret label of the key (first characters of its SHA-256), for logs and traces
 */
public record ApiKeyPrincipal(String authorId, String keyId) {

  /** True when this key may act for {@code otherAuthorId}. */
  public boolean mayActFor(String otherAuthorId) {
    return authorId.equals(otherAuthorId);
  }
}
