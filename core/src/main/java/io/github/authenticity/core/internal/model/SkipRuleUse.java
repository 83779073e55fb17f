package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * A declared allowed skip ({@code detection.allowedSkips}) and how many guarded tests it allowed in the run; one
 * that allowed none is stale, and the report and console warn about it.
 *
 * @param rule    the rule's label, e.g. {@code reason /requires Redis \d/}
 * @param allowed how many guarded tests it allowed
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record SkipRuleUse(String rule, int allowed) {

  /** Whether it allowed nothing in this run. */
  public boolean stale() {
    return allowed == 0;
  }
}
