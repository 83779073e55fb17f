package io.github.authenticity.core.internal.detect;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.authenticity.core.config.Endpoint;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Finding;
import io.github.authenticity.core.internal.detect.InteractionMonitor.Status;
import io.github.authenticity.core.internal.model.Unproven;

/**
 * Reads what one {@link InteractionMonitor.Watch} saw: the agent's traffic in its window, matched to the
 * watched endpoints (or the proxies that carried them), counted per endpoint, and told per service as a
 * {@link Finding} (proven, shared, none, unconfirmed or no agent).
 */
final class TrafficFindings {

  private TrafficFindings() {
  }

  /** Per service, what {@code traffic} (everything the watch's window saw) shows. */
  static List<Finding> of(InteractionMonitor.Watch watch, List<AgentLedger.Traffic> traffic) {
    InteractionMonitor monitor = watch.monitor();
    Map<Endpoint, long[]> own = new LinkedHashMap<>();
    Map<Endpoint, long[]> shared = new LinkedHashMap<>();
    Map<Endpoint, Map<String, Long>> answers = new LinkedHashMap<>();
    List<AgentLedger.Traffic> unmatched = new ArrayList<>();
    for (AgentLedger.Traffic seen : traffic) {
      Endpoint endpoint = watch.match(monitor.normalise(seen.address()), seen.port());
      if (endpoint == null) {
        unmatched.add(seen);
        continue;
      }
      add(seen.own() ? own : shared, endpoint, seen, answers);
    }
    recheck(watch, unmatched, own, shared, answers);
    List<Finding> result = new ArrayList<>();
    String unavailable = monitor.unavailableReason();
    for (Map.Entry<String, List<Endpoint>> service : watch.services().entrySet()) {
      List<String> proofs = new ArrayList<>();
      List<String> sharedWith = new ArrayList<>();
      Map<String, Long> labels = new LinkedHashMap<>();
      for (Endpoint endpoint : service.getValue()) {
        long[] mine = own.get(endpoint);
        long[] others = shared.get(endpoint);
        if (mine != null && mine[1] > 0) {
          Map<String, Long> said = answers.getOrDefault(endpoint, Map.of());
          proofs.add(line(mine, endpoint, ServerAnswers.shown(said)));
          labels = ServerAnswers.merge(labels, said);
        } else if ((others != null && others[1] > 0) || (mine != null && mine[3] > 0)) {
          sharedWith.add(endpoint.toString());
        }
      }
      String name = service.getKey();
      if (!proofs.isEmpty()) {
        result.add(new Finding(name, Status.PROVEN, String.join("; ", proofs), ServerAnswers.shown(labels)));
      } else if (monitor.noAgent()) {
        result.add(new Finding(name, Status.NO_AGENT, Unproven.NO_AGENT));
      } else if (!sharedWith.isEmpty()) {
        result.add(new Finding(name, Status.SHARED, "traffic with " + String.join(", ", sharedWith)
            + " while the test ran cannot be attributed to it: " + (watch.overlaps() == 0
            ? "bytes were sent without an answer, or answered on a thread of no test"
            : "a connection shared by " + (watch.overlaps() + 1) + " tests running at once")));
      } else if (unavailable != null) {
        result.add(new Finding(name, Status.UNCONFIRMED, unavailable));
      } else {
        List<String> shown = service.getValue().stream().map(Endpoint::toString).toList();
        result.add(new Finding(name, Status.NONE, String.join(", ", shown)));
      }
    }
    return List.copyOf(result);
  }

  private static void add(Map<Endpoint, long[]> into, Endpoint endpoint, AgentLedger.Traffic seen,
      Map<Endpoint, Map<String, Long>> answers) {
    if (seen.own() && !seen.answers().isEmpty()) {
      answers.put(endpoint, ServerAnswers.merge(answers.getOrDefault(endpoint, Map.of()), seen.answers()));
    }
    long[] values = into.computeIfAbsent(endpoint, e -> new long[4]);
    values[0] += seen.exchanges();
    values[1] += seen.bytesIn();
    values[2] += seen.writes();
    values[3] += seen.bytesOut();
  }

  /**
   * Before saying "no bytes": resolves the endpoints' hosts afresh (round-robin DNS may have handed the
   * client an address that the resolution at the test start did not list) and counts the traffic with those
   * addresses.
   */
  private static void recheck(InteractionMonitor.Watch watch, List<AgentLedger.Traffic> unmatched, Map<Endpoint, long[]> own, Map<Endpoint, long[]> shared,
      Map<Endpoint, Map<String, Long>> answers) {
    if (unmatched.isEmpty()) {
      return;
    }
    for (Endpoint endpoint : watch.endpoints()) {
      try {
        Set<String> fresh = new java.util.HashSet<>();
        for (InetAddress address : InetAddress.getAllByName(endpoint.host())) {
          fresh.add(address.getHostAddress());
        }
        for (AgentLedger.Traffic seen : unmatched) {
          if (seen.port() == endpoint.port() && fresh.contains(watch.monitor().normalise(seen.address()))) {
            add(seen.own() ? own : shared, endpoint, seen, answers);
          }
        }
      } catch (UnknownHostException | SecurityException ex) {
        // nothing more to learn about this endpoint
      }
    }
  }

  /**
   * {@code 3 exchanges, 1.2 KB in, 0.4 KB out with 127.0.0.1:6379}; where answers were classified, {@code 3 answers
   * (200 ×2, 404 ×1), 1.2 KB in, 0.4 KB out with 127.0.0.1:8080}.
   */
  private static String line(long[] counters, Endpoint endpoint, Map<String, Long> answers) {
    String said = answers.isEmpty() ? null : ServerAnswers.summary(answers);
    long exchanges = Math.max(1, counters[0]);
    String count = said != null ? said : exchanges + (exchanges == 1 ? " exchange" : " exchanges");
    return count + ", " + InteractionMonitor.size(counters[1]) + " in, " + InteractionMonitor.size(counters[3]) + " out with " + endpoint;
  }
}
