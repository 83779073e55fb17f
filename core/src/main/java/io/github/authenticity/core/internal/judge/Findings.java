package io.github.authenticity.core.internal.judge;

import java.util.List;

import io.github.authenticity.core.internal.model.AllowedMock;
import io.github.authenticity.core.internal.model.Evidence;
import org.apiguardian.api.API;

/**
 * What is known of one guarded test that ran (its set-up, body and tear-down), for {@link Judge#ran}: how it ended,
 * and the {@link Judge#read judge's reading} of what the detectors saw (evidence, proof, unproven, cannot judge).
 *
 * @param services        the required services' names
 * @param evidence        what was seen that masks it
 * @param aborted         whether an assumption aborted it (the evidence says where)
 * @param failure         the message it failed with on its own, or {@code null}
 * @param cannotJudge     why it cannot be judged and must fail (e.g. the JVM cannot observe its sockets under
 *                        {@code interaction: required}), or {@code null}
 * @param detectorFailure what a detector threw, or {@code null}
 * @param proof           what proves an exchange with its services (one line per service)
 * @param unproven        why no proof could be had, or {@code null}
 * @param allowedMocks    fields marked {@code @AllowMock}
 * @param warnings        findings that do not mask it
 * @param durationMillis  how long it ran
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Findings(List<String> services, List<Evidence> evidence, boolean aborted, String failure,
    String cannotJudge, String detectorFailure, List<String> proof, String unproven, List<AllowedMock> allowedMocks,
    List<String> warnings, long durationMillis) {

  /** Copies the lists (null becomes empty). */
  public Findings {
    services = services == null ? List.of() : List.copyOf(services);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    proof = proof == null ? List.of() : List.copyOf(proof);
    allowedMocks = allowedMocks == null ? List.of() : List.copyOf(allowedMocks);
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }
}
