package dev.quill.tidewatch;

/** Traffic per hour of the day: the tide your system rises and falls with. */
public final class TideTable {
  private final double[] trafficByHour;

  private TideTable(double[] trafficByHour) {
    this.trafficByHour = trafficByHour.clone();
  }

  /** A table from 24 hourly traffic values. */
  public static TideTable of(double[] trafficByHour) {
    if (trafficByHour.length != 24) {
      throw new IllegalArgumentException("a tide table has 24 hours, not " + trafficByHour.length);
    }
    return new TideTable(trafficByHour);
  }

  /** Slack water: the hour's traffic is in the lowest third of the day. */
  public boolean isSlack(int hour) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (double t : trafficByHour) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    return trafficByHour[hour] <= min + (max - min) / 3;
  }
}
