package io.github.authenticity.core.internal.judge;

import java.util.List;

import io.github.authenticity.core.internal.model.Evidence;
import org.apiguardian.api.API;

/**
 * What the detectors' observations of one test (or container) mean before its verdict, as {@link Judge#read} reads
 * them: the evidence that masks it, what proves it, warnings, and why it is unproven or cannot be judged.
 *
 * @param evidence    what masks it, in the order the detectors saw it
 * @param proof       what proves an exchange with its services (one line per service)
 * @param warnings    findings that do not mask it
 * @param unproven    why no (complete) proof could be had, or {@code null}
 * @param cannotJudge why it cannot be judged and must fail, or {@code null}
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Reading(List<Evidence> evidence, List<String> proof, List<String> warnings, String unproven,
    String cannotJudge) {
}
