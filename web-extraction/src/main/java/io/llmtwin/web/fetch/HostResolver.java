package io.llmtwin.web.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves host names; replaceable so tests can make a name resolve to any address. */
@FunctionalInterface
public interface HostResolver {

  /** All addresses of {@code host}. */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /** The system resolver. */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
