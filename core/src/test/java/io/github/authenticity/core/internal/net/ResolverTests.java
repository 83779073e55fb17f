package io.github.authenticity.core.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class ResolverTests {

  @Test
  void anAddressLiteralNeedsNoLookup() throws Exception {
    assertThat(Resolver.resolve("127.0.0.1", Duration.ofMillis(1))).containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThat(Resolver.resolve("[::1]", Duration.ofMillis(1))).containsExactly(InetAddress.getByName("::1"));
  }

  @Test
  void aNameResolvesWithinItsTimeout() throws Exception {
    assertThat(Resolver.resolve("localhost", Duration.ofSeconds(2))).isNotEmpty()
        .allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void anUnknownNameFailsEveryTimeItIsAsked() {
    for (int attempt = 0; attempt < 2; attempt++) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> Resolver.resolve("nonexistent.invalid", Duration.ofSeconds(2)))
          .isInstanceOf(UnknownHostException.class).isNotInstanceOf(Resolver.LookupTimeoutException.class);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2250);
    }
  }

  @Test
  void literalsAreToldFromNames() {
    assertThat(Resolver.isLiteral("10.0.0.1")).isTrue();
    assertThat(Resolver.isLiteral("fe80::1")).isTrue();
    assertThat(Resolver.isLiteral("1.2.3")).isFalse();
    assertThat(Resolver.isLiteral("db.internal")).isFalse();
  }
}
