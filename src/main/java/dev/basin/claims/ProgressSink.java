package dev.basin.claims;

/**
 * Where a reproduction reports its progress (a terminal bar, nothing in tests): the task now
 * running, and finished work in abstract units (each claim's weight).
 */
public interface ProgressSink {

  /** A sink that reports nothing. */
  ProgressSink SILENT = new ProgressSink() {
    @Override
    public void task(String name) {}

    @Override
    public void advance(double units) {}
  };

  /** Names the task now running. */
  void task(String name);

  /** Adds finished units. */
  void advance(double units);
}
