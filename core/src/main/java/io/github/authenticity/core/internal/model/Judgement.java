package io.github.authenticity.core.internal.model;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The verdict on one guarded test (or on every guarded test under a container), as {@code Judge} reached it.
 *
 * @param verdict        the verdict
 * @param reason         why it did not run ({@code NOT_RUN} only), else {@code null}
 * @param evidence       what masked it (may be empty)
 * @param proof          what proves it authentic, or {@code null}
 * @param unproven       why an {@code AUTHENTIC} test has no proof, or {@code null}
 * @param allowedMocks   fields marked {@code @AllowMock}
 * @param warnings       findings that do not mask it
 * @param durationMillis how long it ran, or {@code null} when it never ran
 * @param message        the message it failed with (or why it did not run), or {@code null}
 * @param allowedBy      the label of the declared rule that allowed its skip ({@code ALLOWED_SKIP} only), else
 *                       {@code null}
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Judgement(Verdict verdict, NotRunReason reason, List<Evidence> evidence, String proof, String unproven,
    List<AllowedMock> allowedMocks, List<String> warnings, Long durationMillis, String message, String allowedBy) {

  /** Copies the lists (null becomes empty). */
  public Judgement {
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    allowedMocks = allowedMocks == null ? List.of() : List.copyOf(allowedMocks);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** The same verdict with another message. */
  public Judgement withMessage(String text) {
    return new Judgement(verdict, reason, evidence, proof, unproven, allowedMocks, warnings, durationMillis, text,
        allowedBy);
  }

  /** A verdict reached without running the body: no proof, no mocks, no warnings, no duration. */
  public static Judgement of(Verdict verdict, NotRunReason reason, List<Evidence> evidence, String message) {
    return new Judgement(verdict, reason, evidence, null, null, List.of(), List.of(), null, message, null);
  }
}
