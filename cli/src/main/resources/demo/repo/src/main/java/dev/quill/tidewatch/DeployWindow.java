package dev.quill.tidewatch;

/** A deploy window: slack water while the crew is awake. Small boats only. */
public final class DeployWindow {
  private final TideTable tides;
  private final int crewStarts;
  private final int crewEnds;

  /** A window over the tide table and the crew's working hours. */
  public DeployWindow(TideTable tides, int crewStarts, int crewEnds) {
    this.tides = tides;
    this.crewStarts = crewStarts;
    this.crewEnds = crewEnds;
  }

  /** Whether a deploy may leave the harbour at this hour. */
  public boolean isOpen(int hour) {
    return tides.isSlack(hour) && hour >= crewStarts && hour < crewEnds;
  }

  /** Why the window is closed, in plain words. */
  public String explain(int hour) {
    if (hour < crewStarts || hour >= crewEnds) {
      return "The crew is asleep. Wait for the morning. Keep the tide low.";
    }
    if (!tides.isSlack(hour)) {
      return "High tide: traffic is up. Wait for slack water.";
    }
    return "Slack water and a crew on deck. Launch the small boat.";
  }
}
