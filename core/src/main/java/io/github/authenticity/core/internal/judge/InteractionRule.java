package io.github.authenticity.core.internal.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.authenticity.core.internal.config.Detection.Interaction;
import io.github.authenticity.core.internal.detect.InteractionMonitor;
import org.apiguardian.api.API;
import io.github.authenticity.core.internal.model.Unproven;

/**
 * What the interaction findings of one test mean for its verdict: one owner for the rule (per service:
 * proven, unproven, {@code NO_INTERACTION}, {@code SERVER_ERRORS}, cannot be judged) and its messages.
 *
 * @param proofs        per service, what proves it ({@code 3 exchanges, 1.2 KB in, 0.4 KB out with 127.0.0.1:6379})
 * @param noInteraction the {@code NO_INTERACTION} detail under {@code required}, or {@code null}
 * @param serverErrors  the {@code SERVER_ERRORS} detail under {@code required} (a service that answered the passing
 *                      test with server errors only), or {@code null}
 * @param warnings      warnings for the report (the same detail under {@code warn})
 * @param unproven      why the test has no (complete) proof, or {@code null}
 * @param cannotJudge   why the test must fail without a verdict on its interaction, or {@code null}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record InteractionRule(Map<String, String> proofs, String noInteraction, String serverErrors,
    List<String> warnings, String unproven, String cannotJudge) {

  /** What a proof line of a service that answered with server errors only, as the test declared, ends with. */
  static final String EXPECTED = " (server errors expected by the test: expectErrors = true)";

  public InteractionRule {
    proofs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(proofs));
    warnings = List.copyOf(warnings);
  }

  /**
   * What the interaction detector saw of one test, for the rule to read: per watched service what was exchanged
   * while it ran (and in its class's set-up).
   *
   * @param mode         {@code detection.interaction}; under {@code off} nothing was watched
   * @param findings     one per watched service (carriers included); none for a service without an endpoint
   * @param via          every {@code via} of the configuration: service to carrier
   * @param required     the services the test requires, in order (via ones included)
   * @param expectErrors whether the test declares that server errors are what it expects
   */
  public record Seen(Interaction mode, List<InteractionMonitor.Finding> findings, Map<String, String> via,
      List<String> required, boolean expectErrors) {
  }

  /** The rule on what was {@code seen} of a test that failed on its own ({@code failed}) or not. */
  public static InteractionRule of(Seen seen, boolean failed) {
    if (seen.mode() == Interaction.OFF) {
      return seen.required().isEmpty() ? NOTHING : off();
    }
    return of(seen.findings(), seen.via(), seen.required(), seen.mode(), failed, seen.expectErrors());
  }

  /** A test that requires no service: nothing to prove. */
  private static final InteractionRule NOTHING = new InteractionRule(Map.of(), null, null, List.of(), null, null);

  /** Under {@code interaction: off}: nothing was watched, so nothing is proven. */
  public static InteractionRule off() {
    return new InteractionRule(Map.of(), null, null, List.of(), "detection.interaction is off: no socket evidence "
        + "was gathered", null);
  }

  /**
   * The verdict on {@code findings} (one per watched service, carriers included).
   *
   * @param via      services required by the test that are reached through another ({@code postgres} to
   *                 {@code backend}); their carrier is among the findings
   * @param required the services the test requires, in order (via ones included)
   * @param failed   whether the test body failed on its own (then nothing is held against it)
   */
  public static InteractionRule of(List<InteractionMonitor.Finding> findings, Map<String, String> via,
      List<String> required, Interaction mode, boolean failed) {
    return of(findings, via, required, mode, failed, false);
  }

  /**
   * The verdict on {@code findings}, for a test that declares whether it checks its services' error handling.
   *
   * @param expectErrors whether the test declares that server errors are what it expects
   *                     ({@code @RequiresRealService(expectErrors = true)}): then answers that are all server errors
   *                     prove it, and its proof says so
   */
  public static InteractionRule of(List<InteractionMonitor.Finding> findings, Map<String, String> via,
      List<String> required, Interaction mode, boolean failed, boolean expectErrors) {
    Map<String, InteractionMonitor.Finding> byService = new LinkedHashMap<>();
    for (InteractionMonitor.Finding finding : findings) {
      byService.put(finding.service(), finding);
    }
    Map<String, String> proofs = new LinkedHashMap<>();
    List<String> reached = new ArrayList<>();
    List<String> never = new ArrayList<>();
    List<String> shared = new ArrayList<>();
    List<String> unconfirmed = new ArrayList<>();
    List<String> unconfigured = new ArrayList<>();
    List<String> noAgent = new ArrayList<>();
    List<String> onlyErrors = new ArrayList<>();
    for (String service : required) {
      String carrier = carrier(service, via);
      InteractionMonitor.Finding finding = byService.get(carrier);
      if (finding == null) {
        unconfigured.add(service);
        continue;
      }
      switch (finding.status()) {
        case PROVEN -> {
          reached.add(service);
          boolean errorsOnly = finding.onlyServerErrors();
          String line = errorsOnly && expectErrors ? finding.line() + EXPECTED : finding.line();
          proofs.put(service, carrier.equals(service) ? line : "via " + carrier + ": " + line);
          if (errorsOnly && !expectErrors) {
            String errors = carrier + " answered " + finding.serverErrors();
            if (!onlyErrors.contains(errors)) {
              onlyErrors.add(errors);
            }
          }
        }
        case SHARED -> shared.add(service + ": " + finding.line());
        case NONE -> never.add(service + (carrier.equals(service) ? "" : " via " + carrier) + " (" + finding.line()
            + ")");
        case UNCONFIRMED -> unconfirmed.add(service + ": " + finding.line());
        case NO_AGENT -> noAgent.add(service);
        default -> throw new IllegalStateException(finding.status().name());
      }
    }
    sharedEndpoints(proofs);
    List<String> warnings = new ArrayList<>();
    List<String> unproven = new ArrayList<>(shared);
    String noInteraction = null;
    String cannotJudge = null;
    if (!unconfigured.isEmpty()) {
      String line = "interaction not checked: no endpoint (url, or host and port) is configured for "
          + String.join(", ", unconfigured);
      warnings.add(line);
      unproven.add(line);
    }
    if (!noAgent.isEmpty()) {
      // an IDE run or a build without prepare-agent: never a verdict, under any mode; one line says how
      String line = "not proven: " + Unproven.NO_AGENT;
      if (!warnings.contains(line)) {
        warnings.add(line);
      }
      unproven.add(line);
    }
    if (!never.isEmpty() && !failed) {
      String detail = noInteraction(never, reached);
      if (mode == Interaction.REQUIRED) {
        noInteraction = detail;
      } else {
        warnings.add(detail);
        unproven.add(detail);
      }
    }
    String serverErrors = null;
    if (!onlyErrors.isEmpty() && !failed) {
      String detail = serverErrors(onlyErrors);
      if (mode == Interaction.REQUIRED) {
        serverErrors = detail;
      } else {
        warnings.add(detail);
        unproven.add(detail);
      }
    }
    if (!unconfirmed.isEmpty() && !failed) {
      String why = String.join("; ", unconfirmed);
      if (mode == Interaction.REQUIRED && noInteraction == null) {
        cannotJudge = "Cannot judge this guarded test: its interaction with its required services cannot be "
            + "observed in this JVM (" + why + "). Fix that, or set detection.interaction: warn in authenticity.yaml "
            + "(or -Dauthenticity.detection.interaction=warn) to run such tests unproven.";
      } else {
        warnings.add("interaction not confirmed: " + why);
        unproven.add("interaction not confirmed: " + why);
      }
    }
    return new InteractionRule(serverErrors == null ? proofs : withoutErrorsOnly(proofs, findings, via, required),
        noInteraction, serverErrors, warnings, unproven.isEmpty() ? null : String.join("; ", unproven), cannotJudge);
  }

  /**
   * The detail of {@code SERVER_ERRORS}: {@code backend answered 503 Service Unavailable (1 answer) and nothing else
   * while the test ran}, then why that is no pass and how to declare a test of error handling.
   */
  static String serverErrors(List<String> answered) {
    return String.join("; ", answered) + " and nothing else while the test ran: the service was reached but never "
        + "served the test. If the test checks how errors are handled, declare it: @RequiresRealService(expectErrors "
        + "= true)";
  }

  /** A service that answered only with server errors proves nothing: its proof line is not kept. */
  private static Map<String, String> withoutErrorsOnly(Map<String, String> proofs,
      List<InteractionMonitor.Finding> findings, Map<String, String> via, List<String> required) {
    Map<String, String> result = new LinkedHashMap<>(proofs);
    for (String service : required) {
      String carrier = carrier(service, via);
      for (InteractionMonitor.Finding finding : findings) {
        if (finding.service().equals(carrier) && finding.onlyServerErrors()) {
          result.remove(service);
        }
      }
    }
    return result;
  }

  /** The detail of {@code NO_INTERACTION}: what was never reached, what was, and how to fix a too-wide requirement. */
  static String noInteraction(List<String> never, List<String> reached) {
    String detail = "no bytes exchanged with " + String.join(", ", never) + " while the test ran";
    if (reached.isEmpty()) {
      return detail;
    }
    List<String> names = never.stream().map(entry -> entry.substring(0, entry.indexOf(' '))).toList();
    String missing = String.join(", ", names);
    return detail + ": exchanged with " + String.join(", ", reached) + ", never with " + missing + ". If the test "
        + "does not use " + missing + " itself, require it only on the tests that do, or declare it `via: "
        + reached.get(0) + "` in authenticity.yaml when " + reached.get(0) + " reaches it";
  }

  /**
   * The endpoints shown for a service that a test never exchanged with but its class's {@code @BeforeAll} did
   * ({@code setUpProof}, e.g. {@code 1 exchange, 7 B in, 14 B out with 127.0.0.1:6379}): an exchange in the class's
   * set-up proves the set-up, not the test.
   */
  public static String reachedOnlyInSetUp(String endpoints, String setUpProof) {
    return endpoints + "; reached only by the class's @BeforeAll: " + setUpProof;
  }

  /** Two services proven by the same exchange (an API and its WebSocket on one host:port) say so. */
  private static void sharedEndpoints(Map<String, String> proofs) {
    Map<String, List<String>> byLine = new LinkedHashMap<>();
    proofs.forEach((service, line) -> {
      if (!line.startsWith("via ")) {
        byLine.computeIfAbsent(line, l -> new ArrayList<>()).add(service);
      }
    });
    for (Map.Entry<String, List<String>> entry : byLine.entrySet()) {
      if (entry.getValue().size() > 1) {
        String both = String.join(" and ", entry.getValue());
        for (String service : entry.getValue()) {
          proofs.put(service, proofs.get(service) + " (one exchange proved " + both + ": they share the endpoint)");
        }
      }
    }
  }

  /** The service that carries {@code service}'s traffic: itself, or the end of its {@code via} chain. */
  public static String carrier(String service, Map<String, String> via) {
    String current = service;
    for (int hops = 0; via.containsKey(current) && hops <= via.size(); hops++) {
      current = via.get(current);
    }
    return current;
  }
}
