package io.llmtwin.inference.model;

import io.llmtwin.inference.rag.ActiveModel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link ModelServing} is doing, as shown by the {@code model} health component.
 *
 * @param serving the model served now, or {@code null} before the first successful load
 * @param servingSince when it started serving, or {@code null}
 * @param loading the version being prepared or loaded now, or {@code null}
 * @param failedVersion the last version that could not be served (newer than {@code serving}), or
 *     {@code null} when the last attempt succeeded
 * @param lastError why it failed, or {@code null}
 * @param lastErrorAt when it failed, or {@code null}
 */
public record ModelStatus(
    ActiveModel serving,
    Instant servingSince,
    String loading,
    String failedVersion,
    String lastError,
    Instant lastErrorAt) {

  /** Nothing loaded, nothing tried. */
  static final ModelStatus NONE = new ModelStatus(null, null, null, null, null, null);

  /**
   * The state in one word: {@code none}, {@code loading}, {@code serving}, {@code degraded} or
   * {@code failed}.
   */
  public String state() {
    if (serving == null) {
      if (lastError != null) {
        return "failed";
      }
      return loading != null ? "loading" : "none";
    }
    return lastError != null ? "degraded" : "serving";
  }

  /** The model served now, if any. */
  public Optional<ActiveModel> servingModel() {
    return Optional.ofNullable(serving);
  }

  /** The health details: state, name, version, since, loading, failedVersion, lastError(At). */
  public Map<String, Object> details() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", state());
    if (serving != null) {
      details.put("name", serving.name());
      details.put("version", serving.version());
      details.put("servingSince", servingSince.toString());
    }
    if (loading != null) {
      details.put("loading", loading);
    }
    if (lastError != null) {
      details.put("failedVersion", failedVersion);
      details.put("lastError", lastError);
      details.put("lastErrorAt", lastErrorAt.toString());
    }
    return details;
  }

  ModelStatus withLoading(String version) {
    return new ModelStatus(serving, servingSince, version, failedVersion, lastError, lastErrorAt);
  }

  ModelStatus served(ActiveModel model, Instant at) {
    return new ModelStatus(model, at, null, null, null, null);
  }

  ModelStatus failed(String version, String error, Instant at) {
    return new ModelStatus(serving, servingSince, null, version, error, at);
  }
}
