package io.llmtwin.web.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

  /** Fake DNS: a few names resolve to chosen addresses, everything else is public. */
  private static final Map<String, String> DNS =
      Map.of(
          "loopback.attacker.test", "127.0.0.1",
          "internal.attacker.test", "10.1.2.3",
          "v6loop.attacker.test", "::1",
          "blog.example.com", "93.184.216.34",
          "mixed.attacker.test", "93.184.216.34");

  private static final HostResolver RESOLVER =
      host -> {
        if (host.equals("mixed.attacker.test")) {
          return List.of(
              InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.5"));
        }
        if (host.equals("nx.attacker.test")) {
          throw new UnknownHostException(host);
        }
        String address = DNS.get(host);
        if (address != null) {
          return List.of(InetAddress.getByName(address));
        }
        // literal addresses resolve to themselves without a lookup
        return List.of(
            InetAddress.getByName(host.matches("[0-9a-fA-F:.]+") ? host : "93.184.216.35"));
      };

  private final SsrfGuard guard = new SsrfGuard(SsrfProperties.strict(), RESOLVER);

  @ParameterizedTest(name = "refuses {0} ({1})")
  @CsvSource({
    "http://127.0.0.1/, LOOPBACK_ADDRESS",
    "http://127.9.9.9:8080/admin, LOOPBACK_ADDRESS",
    "http://[::1]/, LOOPBACK_ADDRESS",
    "http://localhost/, LOOPBACK_ADDRESS",
    "http://10.0.0.1/, PRIVATE_ADDRESS",
    "http://172.16.5.4/, PRIVATE_ADDRESS",
    "http://172.31.255.255/, PRIVATE_ADDRESS",
    "http://192.168.1.1/, PRIVATE_ADDRESS",
    "http://[fd12:3456::1]/, PRIVATE_ADDRESS",
    "http://169.254.169.254/latest/meta-data/, METADATA_ADDRESS",
    "http://metadata.google.internal/computeMetadata/v1/, METADATA_ADDRESS",
    "http://[fd00:ec2::254]/, METADATA_ADDRESS",
    "http://169.254.10.10/, LINK_LOCAL_ADDRESS",
    "http://[fe80::1]/, LINK_LOCAL_ADDRESS",
    "http://224.0.0.1/, MULTICAST_ADDRESS",
    "http://[ff02::1]/, MULTICAST_ADDRESS",
    "http://0.0.0.0/, UNSPECIFIED_ADDRESS",
    "http://[::]/, UNSPECIFIED_ADDRESS",
    "http://100.64.0.1/, RESERVED_ADDRESS",
    "http://2130706433/, NUMERIC_HOST_FORM",
    "http://0x7f000001/, NUMERIC_HOST_FORM",
    "http://0x7f.0.0.1/, NUMERIC_HOST_FORM",
    "http://0177.0.0.1/, NUMERIC_HOST_FORM",
    "http://127.1/, NUMERIC_HOST_FORM",
    "http://[::ffff:127.0.0.1]/, LOOPBACK_ADDRESS",
    "http://[::ffff:a00:1]/, PRIVATE_ADDRESS",
    "http://[64:ff9b::a9fe:a9fe]/, METADATA_ADDRESS",
    "http://loopback.attacker.test/, LOOPBACK_ADDRESS",
    "http://internal.attacker.test./, PRIVATE_ADDRESS",
    "http://v6loop.attacker.test/, LOOPBACK_ADDRESS",
    "http://mixed.attacker.test/, PRIVATE_ADDRESS",
    "http://nx.attacker.test/, UNRESOLVABLE_HOST",
    "file:///etc/passwd, UNSUPPORTED_SCHEME",
    "ftp://blog.example.com/, UNSUPPORTED_SCHEME",
    "gopher://blog.example.com:70/, UNSUPPORTED_SCHEME",
    "jar:http://blog.example.com/a.jar!/, UNSUPPORTED_SCHEME",
    "http://user:pass@blog.example.com/, CREDENTIALS_IN_URL",
    "http://blog.example.com@127.0.0.1/, CREDENTIALS_IN_URL",
    "/relative/path, INVALID_URL",
    "http://exa mple.com/, INVALID_URL",
  })
  void refusesInternalTargets(String url, SsrfReason reason) {
    SsrfRefusedException refused =
        catchThrowableOfType(SsrfRefusedException.class, () -> guard.check(url));
    assertThat(refused).as(url).isNotNull();
    assertThat(refused.reason()).as(url).isEqualTo(reason);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://blog.example.com/posts/hello",
        "http://93.184.216.34/",
        "https://medium.com/feed/@alex",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/",
        "HTTPS://Blog.Example.COM:8443/x?y=1#frag"
      })
  void allowsPublicTargets(String url) {
    assertThatCode(() -> guard.check(url)).doesNotThrowAnyException();
  }

  @Test
  void allowListedHostsAndRangesAndSchemesPass() {
    SsrfGuard lenient =
        new SsrfGuard(
            new SsrfProperties(List.of("localhost"), List.of("10.0.0.0/8"), List.of("file")),
            RESOLVER);
    assertThatCode(() -> lenient.check("http://localhost:8080/fixture")).doesNotThrowAnyException();
    assertThatCode(() -> lenient.check("http://internal.attacker.test/"))
        .doesNotThrowAnyException();
    assertThatCode(() -> lenient.check("file:///tmp/repo")).doesNotThrowAnyException();
    assertThat(
            catchThrowableOfType(
                    SsrfRefusedException.class, () -> lenient.check("http://192.168.0.1/"))
                .reason())
        .isEqualTo(SsrfReason.PRIVATE_ADDRESS);
  }
}
