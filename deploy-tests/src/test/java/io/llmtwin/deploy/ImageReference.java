package io.llmtwin.deploy;

import java.util.Optional;

/** A container image reference split into repository, tag and digest, as Docker reads it. */
record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  static ImageReference parse(String image) {
    String rest = image.trim();
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    int slash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    Optional<String> tag = Optional.empty();
    if (colon > slash) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
    }
    return new ImageReference(rest, tag, digest);
  }

  /** Pinned: a digest, or an explicit tag that is not {@code latest} (nor empty). */
  boolean pinned() {
    if (digest.isPresent()) {
      return true;
    }
    return tag.filter(t -> !t.isBlank() && !t.equalsIgnoreCase("latest")).isPresent();
  }
}
