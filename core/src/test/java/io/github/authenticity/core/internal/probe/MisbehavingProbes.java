package io.github.authenticity.core.internal.probe;

import java.net.ConnectException;
import java.time.Instant;

import io.github.authenticity.core.config.ServiceDefinition;
import io.github.authenticity.core.probe.ProbeResult;
import io.github.authenticity.core.probe.ServiceProbe;

/** Custom probes that break the rules, registered for tests through the test META-INF/services file. */
final class MisbehavingProbes {

  private MisbehavingProbes() {
  }

  /** Sleeps for {@code sleepMillis}, ignoring the service's timeout. */
  public static final class IgnoresTimeout implements ServiceProbe {

    @Override
    public String type() {
      return "test-ignores-timeout";
    }

    @Override
    public ProbeResult probe(ServiceDefinition service) throws Exception {
      Thread.sleep(Long.parseLong(service.setting("sleepMillis").orElse("10000")));
      return ProbeResult.up(service.name(), type(), "sleeper", 0, "woke up", Instant.now());
    }
  }

  /** Throws what {@code throw} names. */
  public static final class Throws implements ServiceProbe {

    @Override
    public String type() {
      return "test-throws";
    }

    @Override
    public ProbeResult probe(ServiceDefinition service) throws Exception {
      String what = service.setting("throw").orElse("state");
      if (what.equals("refused")) {
        throw new ConnectException("Connection refused");
      }
      if (what.equals("dns")) {
        throw new java.net.UnknownHostException(service.setting("url").orElse(""));
      }
      if (what.equals("null")) {
        return null;
      }
      throw new IllegalStateException("cannot reach the thing\nwith password=" + service.setting("password").orElse("")
          + " at https://bob:hunter2@example.com/x");
    }
  }

  /** Has the type of a built-in; listed only by the duplicate-type test. */
  public static final class DuplicateHttp implements ServiceProbe {

    @Override
    public String type() {
      return "http";
    }

    @Override
    public ProbeResult probe(ServiceDefinition service) {
      throw new UnsupportedOperationException();
    }
  }
}
