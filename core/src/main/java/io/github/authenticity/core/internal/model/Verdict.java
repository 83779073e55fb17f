package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/** The verdict on one guarded test. */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum Verdict {
  /** It ran against the real services and nothing masked it; the report says what proves it. */
  AUTHENTIC,
  /** It would pass, but evidence shows it did not use the real service (or it was skipped/aborted). */
  MASKED,
  /** It failed on its own. */
  FAILED,
  /** A service it requires was {@code DOWN}; it failed before its body ran. */
  SERVICE_DOWN,
  /** It never ran; see {@link NotRunReason}. */
  NOT_RUN
}
