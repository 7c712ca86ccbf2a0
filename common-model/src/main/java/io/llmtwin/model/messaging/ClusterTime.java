package io.llmtwin.model.messaging;

/**
 * MongoDB's cluster time of a change (the BSON timestamp of its oplog entry): {@code seconds} since
 * the epoch and an {@code increment} that orders changes within the same second. Strictly
 * increasing within one replica set, so it orders changes exactly where wall times (milliseconds,
 * or whole seconds before MongoDB 6.0) can tie.
 *
 * @param seconds seconds since the epoch, positive
 * @param increment ordinal within that second, 0 to 2^32 - 1
 */
public record ClusterTime(long seconds, long increment) implements Comparable<ClusterTime> {
  private static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

  public ClusterTime {
    if (seconds <= 0 || seconds > UNSIGNED_INT_MAX) {
      throw new IllegalArgumentException("cluster time seconds out of range: " + seconds);
    }
    if (increment < 0 || increment > UNSIGNED_INT_MAX) {
      throw new IllegalArgumentException("cluster time increment out of range: " + increment);
    }
  }

  /** From the 64-bit value of a BSON timestamp: seconds in the high, increment in the low half. */
  public static ClusterTime ofValue(long value) {
    return new ClusterTime(value >>> 32, value & UNSIGNED_INT_MAX);
  }

  /** The 64-bit value of the BSON timestamp, ordered like this cluster time. */
  public long value() {
    return (seconds << 32) | increment;
  }

  @Override
  public int compareTo(ClusterTime other) {
    int bySeconds = Long.compare(seconds, other.seconds);
    return bySeconds != 0 ? bySeconds : Long.compare(increment, other.increment);
  }

  /** True when this change happened after {@code other}. */
  public boolean isAfter(ClusterTime other) {
    return compareTo(other) > 0;
  }
}
