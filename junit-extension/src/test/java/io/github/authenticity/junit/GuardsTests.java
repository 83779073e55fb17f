package io.github.authenticity.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class GuardsTests {

  @Test
  void aTestWithoutAnyAnnotationIsNotGuarded() throws Exception {
    assertThat(Guards.of(Plain.class, Plain.class.getDeclaredMethod("test"))).isEmpty();
  }

  @Test
  void classAndMethodServicesAddUpAndTheMethodsMinDurationWins() throws Exception {
    Method method = Annotated.class.getDeclaredMethod("test");

    Guard guard = Guards.of(Annotated.class, method).orElseThrow();

    assertThat(guard.services()).containsExactly("redis", "backend");
    assertThat(guard.minDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(guard.stagingOnly()).isFalse();
    assertThat(Guards.of(Annotated.class, null).orElseThrow().minDuration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void expectErrorsOnTheClassOrOnTheMethodApplies() throws Exception {
    assertThat(Guards.of(Annotated.class, Annotated.class.getDeclaredMethod("test")).orElseThrow().expectErrors())
        .as("neither").isFalse();
    assertThat(Guards.of(ExpectsErrors.class, ExpectsErrors.class.getDeclaredMethod("test")).orElseThrow()
        .expectErrors()).as("the class").isTrue();
    assertThat(Guards.of(ExpectsErrors.class, ExpectsErrors.class.getDeclaredMethod("alsoRedis")).orElseThrow())
        .as("the class, beside the method's own guard").extracting(Guard::expectErrors, Guard::services)
        .containsExactly(true, List.of("redis", "backend"));
    assertThat(Guards.of(Annotated.class, Annotated.class.getDeclaredMethod("outage")).orElseThrow()
        .expectErrors()).as("the method").isTrue();
    assertThat(Guards.of(Annotated.Inner.class, Annotated.Inner.class.getDeclaredMethod("inner")).orElseThrow()
        .expectErrors()).as("another method of the class").isFalse();
  }

  @RequiresRealService(value = "backend", expectErrors = true)
  static class ExpectsErrors {
    void test() {
    }

    @RequiresRealService("redis")
    void alsoRedis() {
    }
  }

  @Test
  void aSubclassInheritsTheGuardOfItsSuperclassAndAddsItsOwn() throws Exception {
    Guard guard = Guards.of(Sub.class, Sub.class.getDeclaredMethod("test")).orElseThrow();

    assertThat(guard.services()).containsExactly("websocket", "backend");
    assertThat(guard.minDuration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aNestedClassInheritsTheGuardOfItsEnclosingClass() throws Exception {
    Guard guard = Guards.of(Annotated.Inner.class, Annotated.Inner.class.getDeclaredMethod("inner")).orElseThrow();

    assertThat(guard.services()).containsExactly("postgres", "backend");
  }

  @Test
  void aStaticNestedClassDoesNotInheritTheGuardOfItsEnclosingClass() throws Exception {
    assertThat(Guards.of(Annotated.Static.class, Annotated.Static.class.getDeclaredMethod("test"))).isEmpty();
  }

  @Test
  void aMetaAnnotationGuardsLikeTheAnnotationItself() throws Exception {
    Guard guard = Guards.of(Meta.class, Meta.class.getDeclaredMethod("test")).orElseThrow();

    assertThat(guard.services()).containsExactly("backend");
    assertThat(guard.stagingOnly()).isTrue();
  }

  @Test
  void stagingOnlyAloneGuardsWithoutServices() throws Exception {
    Guard guard = Guards.of(Plain.class, Plain.class.getDeclaredMethod("staging")).orElseThrow();

    assertThat(guard.services()).isEmpty();
    assertThat(guard.stagingOnly()).isTrue();
  }

  @Test
  void anUnparseableMinDurationIsAConfigurationErrorNamingTheAnnotationThePlaceAndTheValue() throws Exception {
    Guard guard = Guards.of(Plain.class, Plain.class.getDeclaredMethod("badDuration")).orElseThrow();

    assertThatThrownBy(guard::minDuration).isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage("@RequiresRealService(minDuration = \"quick\") on [io.github.authenticity.junit.GuardsTests$Plain"
            + "#badDuration]: [quick] is not a duration; use e.g. 2s, 500ms, 1m or PT2M");
    assertThat(guard.minDurationOrNull()).isNull();
  }

  static class Plain {
    void test() {
    }

    @StagingOnly
    void staging() {
    }

    @RequiresRealService(value = "backend", minDuration = "quick")
    void badDuration() {
    }
  }

  @RequiresRealService(value = "backend", minDuration = "2s")
  static class Annotated {
    @RequiresRealService(value = {"redis", "backend"}, minDuration = "500ms")
    void test() {
    }

    @RequiresRealService(value = "backend", expectErrors = true)
    void outage() {
    }

    @Nested
    class Inner {
      @RequiresRealService("postgres")
      void inner() {
      }
    }

    static class Static {
      void test() {
      }
    }
  }

  @RequiresRealService("websocket")
  static class Sub extends Annotated {
    void test() {
    }
  }

  @Target({ElementType.TYPE, ElementType.METHOD})
  @Retention(RetentionPolicy.RUNTIME)
  @RequiresRealService("backend")
  @StagingOnly
  @interface BackendE2E {
  }

  static class Meta {
    @BackendE2E
    void test() {
    }
  }
}
