package io.github.authenticity.core.internal.model;

import java.util.List;

import org.apiguardian.api.API;

/**
 * One test in a report.
 *
 * @param uniqueId       the JUnit unique id (for a test compiled but never discovered:
 *                       {@code compiled:<className>#<methodName>})
 * @param className      the binary class name
 * @param methodName     the method name
 * @param displayName    the display name with its parents, e.g. {@code Outer > Inner > name()}
 * @param guarded        whether {@code @RequiresRealService} or {@code @StagingOnly} applies
 * @param services       the services it requires
 * @param verdict        the verdict; {@code null} for an unguarded test
 * @param durationMillis how long it ran
 * @param reason         why it did not run; only for {@link Verdict#NOT_RUN}
 * @param evidence       what was seen (for {@link Verdict#MASKED} above all)
 * @param proof          what proves an {@link Verdict#AUTHENTIC} test, e.g. {@code 4 requests, 12.4 KB exchanged with api:443}
 * @param tags           its JUnit tags
 * @param status         the JUnit outcome ({@code SUCCESSFUL}, {@code FAILED}, {@code ABORTED}, {@code SKIPPED}),
 *                       {@code null} when it never finished
 * @param message        one line: the exception or skip reason, or why it did not run
 * @param allowedMocks   deliberate mocks ({@code @AllowMock}) with their reasons
 * @param unproven       why an {@link Verdict#AUTHENTIC} test has no proof of an exchange, {@code null} when it has
 *                       one (or is not authentic)
 * @param allowedBy      the declared rule that allowed its skip ({@link NotRunReason#ALLOWED_SKIP} only), e.g.
 *                       {@code reason /requires Redis \d/}, else {@code null}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record TestEntry(String uniqueId, String className, String methodName, String displayName, boolean guarded,
    List<String> services, Verdict verdict, long durationMillis, NotRunReason reason, List<Evidence> evidence,
    String proof, List<String> tags, String status, String message, List<AllowedMock> allowedMocks,
    String unproven, String allowedBy) {

  /** Copies the lists (null becomes empty). */
  public TestEntry {
    services = services == null ? List.of() : List.copyOf(services);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
    tags = tags == null ? List.of() : List.copyOf(tags);
    allowedMocks = allowedMocks == null ? List.of() : List.copyOf(allowedMocks);
  }

  /** The class name without its package, nested classes joined with {@code .}, e.g. {@code Outer.Inner}. */
  public String simpleClassName() {
    if (className == null) {
      return "";
    }
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  /**
   * {@code SimpleClass.method}, as the console and the check name a test; an invocation of a template or factory
   * with its index, e.g. {@code OrderE2E.refunds[2]} ({@code [1][3]} for a class template's first invocation's
   * third).
   */
  public String shortName() {
    String simple = simpleClassName();
    if (methodName == null || methodName.isEmpty()) {
      return simple.isEmpty() ? displayName : simple;
    }
    return (simple.isEmpty() ? methodName : simple + "." + methodName) + invocations(uniqueId);
  }

  /** {@code [2]} of {@code .../[test-template-invocation:#2]}: the index of every invocation segment, in order. */
  static String invocations(String uniqueId) {
    if (uniqueId == null || !uniqueId.contains(":#")) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    for (String segment : uniqueId.split("/")) {
      int mark = segment.indexOf(":#");
      if (mark > 0 && segment.startsWith("[") && segment.endsWith("]")) {
        String type = segment.substring(1, mark);
        if (type.endsWith("invocation") || type.startsWith("dynamic-")) {
          out.append('[').append(segment, mark + 2, segment.length() - 1).append(']');
        }
      }
    }
    return out.toString();
  }
}
