package io.llmtwin.devstack.qdrant;

import io.qdrant.client.grpc.Points.PointId;
import java.util.Locale;
import java.util.UUID;

/**
 * A point id: an unsigned 64-bit integer or a UUID. Ordered like Qdrant orders ids: all numeric ids
 * (unsigned) before all UUIDs (byte-wise).
 */
record PointKey(long num, String uuid) implements Comparable<PointKey> {

  static PointKey of(PointId id) {
    if (id == null) {
      throw QdrantErrors.badInput("Empty ID is not allowed");
    }
    return switch (id.getPointIdOptionsCase()) {
      case NUM -> new PointKey(id.getNum(), null);
      case UUID -> new PointKey(0, canonicalUuid(id.getUuid()));
      case POINTIDOPTIONS_NOT_SET -> throw QdrantErrors.badInput("Empty ID is not allowed");
    };
  }

  private static String canonicalUuid(String text) {
    try {
      String trimmed = text.trim();
      if (trimmed.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
        trimmed = trimmed.substring(9);
      }
      if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
        trimmed = trimmed.substring(1, trimmed.length() - 1);
      }
      if (trimmed.length() == 32 && trimmed.indexOf('-') < 0) {
        trimmed =
            trimmed.substring(0, 8)
                + "-"
                + trimmed.substring(8, 12)
                + "-"
                + trimmed.substring(12, 16)
                + "-"
                + trimmed.substring(16, 20)
                + "-"
                + trimmed.substring(20);
      }
      if (trimmed.length() != 36) {
        throw new IllegalArgumentException(text);
      }
      return UUID.fromString(trimmed).toString().toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw QdrantErrors.badInput("Unable to parse UUID: " + text);
    }
  }

  boolean isUuid() {
    return uuid != null;
  }

  PointId toProto() {
    return isUuid()
        ? PointId.newBuilder().setUuid(uuid).build()
        : PointId.newBuilder().setNum(num).build();
  }

  @Override
  public int compareTo(PointKey other) {
    if (isUuid() != other.isUuid()) {
      return isUuid() ? 1 : -1;
    }
    return isUuid() ? uuid.compareTo(other.uuid) : Long.compareUnsigned(num, other.num);
  }

  @Override
  public String toString() {
    return isUuid() ? uuid : Long.toUnsignedString(num);
  }
}
