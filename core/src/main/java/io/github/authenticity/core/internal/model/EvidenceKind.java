package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/** What was seen that turns a guarded test {@link Verdict#MASKED}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum EvidenceKind {
  /** A line logged or printed during the test matched a fallback pattern. */
  FALLBACK_LOG,
  /** Test support code called {@code Fallbacks.report(service, substitute, reason)}. */
  FALLBACK_REPORTED,
  /** A field of the test instance holds a mock, stub or fake not marked {@code @AllowMock}. */
  MOCK_OBJECT,
  /** No bytes were exchanged with any endpoint of the required services while the test ran. */
  NO_INTERACTION,
  /**
   * Every answer a required service gave the passing test was a server error (HTTP 5xx, a Redis error reply, a
   * PostgreSQL {@code FATAL}, a WebSocket 1011): it was reached but never served the test. A test that checks error
   * handling declares it ({@code @RequiresRealService(expectErrors = true)}).
   */
  SERVER_ERRORS,
  /** Shorter than {@code minDuration}, or far faster than its authentic history. */
  TOO_FAST,
  /** An assumption aborted the guarded test: a skip is not a pass. */
  ABORTED,
  /** Testcontainers would silently skip the class ({@code disabledWithoutDocker} and no Docker). */
  CONTAINER_SKIP,
  /** In a staging environment a required service resolves to loopback or to a container started by this JVM. */
  LOOPBACK_IN_STAGING,
  /**
   * The guarded test passed, but the Authenticity extension wrote no verdict for it (it was not active,
   * or the test ran on another engine), so nothing proves it used its real services. Set by the report.
   */
  NOT_JUDGED
}
