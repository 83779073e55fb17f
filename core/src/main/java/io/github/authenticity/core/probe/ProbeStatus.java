package io.github.authenticity.core.probe;

import org.apiguardian.api.API;

/** The outcome of probing a service. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum ProbeStatus {
  /** It answered as a real server of its kind, in time. */
  UP,
  /** It answered, but slower than {@code maxLatency}. Tests still run. */
  DEGRADED,
  /** It did not answer as a real server: refused, timed out, DNS, TLS, HTTP status, wrong protocol. */
  DOWN
}
