package io.github.authenticity.core.internal.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

class ProxyDefaultsTests {

  /** A logging library's interface as a newer version might grow it: methods the bridges do not know. */
  interface Grown {
    boolean isEnabled();

    int count();

    long since();

    double ratio();

    float weight();

    char mark();

    short small();

    byte tiny();

    String name();

    void reset();
  }

  @Test
  void aProxyAnswersEveryUnknownMethodWithTheZeroOfItsReturnTypeSoThatNoCallerFails() {
    Grown grown = (Grown) Proxy.newProxyInstance(Grown.class.getClassLoader(), new Class<?>[] {Grown.class},
        (proxy, method, args) -> ProxyDefaults.answer(method));

    assertThat(grown.isEnabled()).isFalse();
    assertThat(grown.count()).isZero();
    assertThat(grown.since()).isZero();
    assertThat(grown.ratio()).isZero();
    assertThat(grown.weight()).isZero();
    assertThat(grown.mark()).isEqualTo('\0');
    assertThat(grown.small()).isZero();
    assertThat(grown.tiny()).isZero();
    assertThat(grown.name()).isNull();
    grown.reset();
  }
}
