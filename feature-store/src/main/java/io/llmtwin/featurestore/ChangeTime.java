package io.llmtwin.featurestore;

import io.llmtwin.model.messaging.ClusterTime;
import io.llmtwin.model.messaging.DocumentChanged;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * When a change of a document happened, as the feature store keeps it to order changes: MongoDB's
 * wall-clock time and, when the change event carried it, MongoDB's cluster time.
 *
 * @param at when the change happened ({@link DocumentChanged#occurredAt()})
 * @param clusterTime MongoDB's cluster time of the change, may be null (snapshots, older messages,
 *     data written before the field existed)
 */
public record ChangeTime(Instant at, ClusterTime clusterTime) {

  public ChangeTime {
    Objects.requireNonNull(at, "at");
  }

  /** A change known only by its wall-clock time. */
  public static ChangeTime at(Instant at) {
    return new ChangeTime(at, null);
  }

  /** The time of {@code change}. */
  public static ChangeTime of(DocumentChanged change) {
    return new ChangeTime(change.occurredAt(), change.clusterTime());
  }

  /**
   * True when this change happened after {@code other}: by cluster time when both have one (exact
   * within a replica set, also within one second), else by wall-clock time.
   */
  public boolean isAfter(ChangeTime other) {
    if (clusterTime != null && other.clusterTime != null) {
      return clusterTime.isAfter(other.clusterTime);
    }
    return at.isAfter(other.at);
  }

  /**
   * The later of the two in a total order (wall-clock time, then cluster time, a missing one
   * lowest), so that the latest of several tombstones does not depend on the order they are read
   * in, even when some carry a cluster time and others do not ({@link #isAfter} alone is not
   * transitive across such a mix).
   */
  public ChangeTime latest(ChangeTime other) {
    return TOTAL_ORDER.compare(other, this) > 0 ? other : this;
  }

  private static final Comparator<ChangeTime> TOTAL_ORDER =
      Comparator.<ChangeTime, Instant>comparing(ChangeTime::at)
          .thenComparing(
              ChangeTime::clusterTime,
              Comparator.nullsFirst(Comparator.<ClusterTime>naturalOrder()));
}
