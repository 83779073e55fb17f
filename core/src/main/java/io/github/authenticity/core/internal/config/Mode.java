package io.github.authenticity.core.internal.config;

import org.apiguardian.api.API;

/** What a masked guarded test does in JUnit ({@code authenticity.mode}). */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum Mode {
  /** Masked tests fail in JUnit with their evidence (the default). */
  FAIL,
  /** Masked tests pass in JUnit and are only reported, for gradual adoption. */
  REPORT
}
