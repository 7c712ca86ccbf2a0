package io.llmtwin.deploy;

/**
 * One broken deployment invariant.
 *
 * @param source the file (and document) it was found in
 * @param rule a stable short name of the rule, e.g. {@code image-pinned}
 * @param detail what exactly is wrong, naming the container or service
 */
record Violation(String source, String rule, String detail) {

  @Override
  public String toString() {
    return source + ": [" + rule + "] " + detail;
  }
}
