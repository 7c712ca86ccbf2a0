package io.llmtwin.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;

/** Stops what the test infrastructure started, newest first, when the JVM exits. */
final class ShutdownHook {

  private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
  private static boolean installed;

  private ShutdownHook() {}

  /** Registers something to close at JVM exit. */
  static synchronized <T extends AutoCloseable> T closeAtExit(T resource) {
    if (!installed) {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ShutdownHook::closeAll, "llmtwin-test-infrastructure-stop"));
      installed = true;
    }
    STARTED.push(resource);
    return resource;
  }

  private static synchronized void closeAll() {
    while (!STARTED.isEmpty()) {
      AutoCloseable next = STARTED.pop();
      try {
        next.close();
      } catch (Exception e) {
        System.err.println("test infrastructure: failed to stop " + next + ": " + e);
      }
    }
  }
}
