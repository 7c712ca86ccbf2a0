package io.llmtwin.web.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks user-supplied URLs before every request (and after every redirect): the scheme must be
 * http or https, the host must be written as a name or a canonical address, and every address it
 * resolves to must be public, unless configuration allow-lists it.
 */
public class SsrfGuard {
  private static final Set<String> WEB_SCHEMES = Set.of("http", "https");
  private static final Set<String> METADATA_HOSTS =
      Set.of("metadata.google.internal", "metadata", "metadata.azure.com", "instance-data");
  private static final Pattern CANONICAL_IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern NUMERIC_LOOKING = Pattern.compile("[0-9a-fA-Fx.]+");

  private final SsrfProperties properties;
  private final HostResolver resolver;
  private final List<Cidr> allowedCidrs;

  /** A guard with the given allow-list and resolver. */
  public SsrfGuard(SsrfProperties properties, HostResolver resolver) {
    this.properties = properties;
    this.resolver = resolver;
    this.allowedCidrs = properties.allowedCidrs().stream().map(Cidr::parse).toList();
  }

  /**
   * Parses and checks {@code url}; returns the parsed URI or throws {@link SsrfRefusedException}.
   */
  public URI check(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw new SsrfRefusedException(SsrfReason.INVALID_URL, String.valueOf(url));
    }
    check(uri);
    return uri;
  }

  /** Checks an already parsed URI, resolving its host. */
  public void check(URI uri) {
    String text = uri.toString();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!WEB_SCHEMES.contains(scheme)) {
      if (properties.allowedSchemes().contains(scheme)) {
        return;
      }
      throw new SsrfRefusedException(
          scheme.isEmpty() ? SsrfReason.INVALID_URL : SsrfReason.UNSUPPORTED_SCHEME, text);
    }
    if (uri.getRawUserInfo() != null) {
      throw new SsrfRefusedException(SsrfReason.CREDENTIALS_IN_URL, text);
    }
    String host = uri.getHost();
    if (host == null || host.isBlank()) {
      String authority = uri.getRawAuthority();
      if (authority == null) {
        throw new SsrfRefusedException(SsrfReason.MISSING_HOST, text);
      }
      String hostPart = authority.replaceFirst(":\\d*$", "").toLowerCase(Locale.ROOT);
      throw new SsrfRefusedException(
          NUMERIC_LOOKING.matcher(hostPart).matches() && looksNumeric(hostPart)
              ? SsrfReason.NUMERIC_HOST_FORM
              : SsrfReason.INVALID_URL,
          text);
    }
    host = host.toLowerCase(Locale.ROOT);
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (properties.allowedHosts().contains(host)) {
      return;
    }
    boolean ipv6Literal = host.startsWith("[");
    if (!ipv6Literal && NUMERIC_LOOKING.matcher(host).matches() && looksNumeric(host)) {
      if (!CANONICAL_IPV4.matcher(host).matches()) {
        throw new SsrfRefusedException(SsrfReason.NUMERIC_HOST_FORM, text);
      }
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      throw new SsrfRefusedException(SsrfReason.LOOPBACK_ADDRESS, text);
    }
    if (METADATA_HOSTS.contains(host)) {
      throw new SsrfRefusedException(SsrfReason.METADATA_ADDRESS, text);
    }
    String lookup = ipv6Literal ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(lookup);
    } catch (UnknownHostException e) {
      throw new SsrfRefusedException(SsrfReason.UNRESOLVABLE_HOST, text);
    }
    if (addresses.isEmpty()) {
      throw new SsrfRefusedException(SsrfReason.UNRESOLVABLE_HOST, text);
    }
    for (InetAddress address : addresses) {
      SsrfReason reason = classify(address);
      if (reason != null && allowedCidrs.stream().noneMatch(c -> c.contains(address))) {
        throw new SsrfRefusedException(reason, text);
      }
    }
  }

  private static boolean looksNumeric(String host) {
    // a real host name has at least one label with a letter other than a hex-looking one; treat
    // anything made only of digits, dots and 0x prefixes as an IP form
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty()) {
        return false;
      }
      boolean hex = label.startsWith("0x") && label.length() > 2;
      boolean digits = label.chars().allMatch(Character::isDigit);
      if (!hex && !digits) {
        return false;
      }
    }
    return true;
  }

  /** The reason an address is not public, or {@code null} when it is public. */
  static SsrfReason classify(InetAddress address) {
    if (address instanceof Inet6Address v6) {
      InetAddress embedded = embeddedIpv4(v6.getAddress());
      if (embedded != null) {
        return classify(embedded);
      }
    }
    byte[] b = address.getAddress();
    if (address.isAnyLocalAddress()) {
      return SsrfReason.UNSPECIFIED_ADDRESS;
    }
    if (address.isLoopbackAddress()) {
      return SsrfReason.LOOPBACK_ADDRESS;
    }
    if (address instanceof Inet4Address) {
      int a = b[0] & 0xff;
      int c = b[1] & 0xff;
      if (a == 169 && c == 254 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254) {
        return SsrfReason.METADATA_ADDRESS;
      }
      if (a == 100 && c == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200) {
        return SsrfReason.METADATA_ADDRESS;
      }
      if (a == 0) {
        return SsrfReason.UNSPECIFIED_ADDRESS;
      }
      if (a == 10 || (a == 172 && (c & 0xf0) == 16) || (a == 192 && c == 168)) {
        return SsrfReason.PRIVATE_ADDRESS;
      }
      if (a == 127) {
        return SsrfReason.LOOPBACK_ADDRESS;
      }
      if (a == 169 && c == 254) {
        return SsrfReason.LINK_LOCAL_ADDRESS;
      }
      if (a >= 224 && a <= 239) {
        return SsrfReason.MULTICAST_ADDRESS;
      }
      if ((a == 100 && (c & 0xc0) == 64)
          || a >= 240
          || (a == 192 && c == 0 && (b[2] & 0xff) == 0)
          || (a == 198 && (c & 0xfe) == 18)) {
        return SsrfReason.RESERVED_ADDRESS;
      }
      return null;
    }
    int first = b[0] & 0xff;
    if (first == 0xfd && (b[1] & 0xff) == 0x00 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2) {
      return SsrfReason.METADATA_ADDRESS; // fd00:ec2::254 and friends
    }
    if (address.isLinkLocalAddress()) {
      return SsrfReason.LINK_LOCAL_ADDRESS;
    }
    if (address.isMulticastAddress()) {
      return SsrfReason.MULTICAST_ADDRESS;
    }
    if (address.isSiteLocalAddress() || (first & 0xfe) == 0xfc) {
      return SsrfReason.PRIVATE_ADDRESS;
    }
    return null;
  }

  /** IPv4 address embedded in IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 forms. */
  private static InetAddress embeddedIpv4(byte[] b) {
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= b[i] == 0;
    }
    boolean mapped = zeroPrefix && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0 && !allZeroFrom(b, 12, 15);
    boolean nat64 =
        b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    if (mapped || compatible || nat64) {
      return v4(b[12], b[13], b[14], b[15]);
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return v4(b[2], b[3], b[4], b[5]);
    }
    return null;
  }

  private static boolean allZeroFrom(byte[] b, int from, int toInclusive) {
    // ::1 (loopback) and :: are not IPv4-compatible addresses
    for (int i = from; i < toInclusive; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return (b[toInclusive] & 0xff) <= 1;
  }

  private static InetAddress v4(byte a, byte b, byte c, byte d) {
    try {
      return InetAddress.getByAddress(new byte[] {a, b, c, d});
    } catch (UnknownHostException e) {
      throw new IllegalStateException("four bytes are always a valid IPv4 address", e);
    }
  }

  /** An address range in CIDR notation. */
  record Cidr(byte[] network, int prefix) {
    static Cidr parse(String text) {
      String[] parts = text.trim().split("/");
      try {
        byte[] network = InetAddress.getByName(parts[0]).getAddress();
        int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
        return new Cidr(network, prefix);
      } catch (UnknownHostException | NumberFormatException e) {
        throw new IllegalArgumentException("invalid CIDR in the SSRF allow-list: " + text, e);
      }
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      for (int i = 0; i < prefix; i++) {
        int mask = 0x80 >> (i % 8);
        if ((candidate[i / 8] & mask) != (network[i / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }
}
