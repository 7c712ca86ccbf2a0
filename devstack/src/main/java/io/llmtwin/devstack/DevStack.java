package io.llmtwin.devstack;

/** Starts the embedded stand-ins for MongoDB, Qdrant and AMQP. */
public final class DevStack {
  private DevStack() {}

  public static void main(String[] args) {
    System.out.println("devstack: not yet wired");
  }
}
