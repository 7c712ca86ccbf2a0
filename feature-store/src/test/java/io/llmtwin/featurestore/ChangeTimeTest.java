package io.llmtwin.featurestore;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtwin.model.messaging.ClusterTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChangeTimeTest {
  private static final Instant SECOND = Instant.parse("2026-11-01T10:00:00Z");

  private static ChangeTime at(Instant at, long increment) {
    return new ChangeTime(at, new ClusterTime(at.getEpochSecond(), increment));
  }

  @Test
  void changesOfTheSameSecondAreOrderedByClusterTime() {
    assertThat(at(SECOND, 5).isAfter(at(SECOND, 4))).isTrue();
    assertThat(at(SECOND, 4).isAfter(at(SECOND, 5))).isFalse();
    assertThat(at(SECOND, 4).isAfter(at(SECOND, 4))).isFalse();
    assertThat(at(SECOND, 4).latest(at(SECOND, 5))).isEqualTo(at(SECOND, 5));
  }

  @Test
  void withoutClusterTimeOnEitherSideTheWallClockDecides() {
    ChangeTime snapshot = ChangeTime.at(SECOND.plusMillis(700));
    assertThat(snapshot.isAfter(at(SECOND, 9))).isTrue();
    assertThat(at(SECOND, 9).isAfter(snapshot)).isFalse();
    assertThat(ChangeTime.at(SECOND).isAfter(ChangeTime.at(SECOND))).isFalse();
  }

  @Test
  void theLatestOfAMixDoesNotDependOnTheOrderTheyComeIn() {
    ChangeTime a = at(SECOND, 5);
    ChangeTime b = ChangeTime.at(SECOND);
    ChangeTime c = at(SECOND, 2);
    ChangeTime expected = a.latest(b).latest(c);
    assertThat(expected).isEqualTo(a);
    assertThat(c.latest(b).latest(a)).isEqualTo(expected);
    assertThat(b.latest(c).latest(a)).isEqualTo(expected);
    assertThat(b.latest(a).latest(c)).isEqualTo(expected);
    assertThat(c.latest(a).latest(b)).isEqualTo(expected);
  }
}
