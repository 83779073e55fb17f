package floor;

import io.github.authenticity.agent.boot.Ledger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The floor of the per-test work (bench scenario 8): the agent's window around a test's set-up, body and tear-down,
 * its verdict from the window's counters (an exchange with the bench server's port, else the test fails), and one
 * line for it. Nothing else: no configuration, no preflight, no other detector, no history, no report.
 */
public final class FloorExtension implements BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FloorExtension.class);
  private static final int PORT = Integer.getInteger("bench.port");

  static {
    if (!Ledger.awaitActive(60_000)) {
      throw new IllegalStateException("The floor needs the agent: run it with -javaagent:authenticity-agent.jar");
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put(Ledger.Window.class, Ledger.open(context.getUniqueId()));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Ledger.Window window = context.getStore(NAMESPACE).remove(Ledger.Window.class, Ledger.Window.class);
    window.close();
    long exchanges = 0;
    long in = 0;
    long out = 0;
    for (Ledger.Traffic traffic : window.traffic()) {
      if (traffic.port() == PORT) {
        exchanges += traffic.exchanges();
        in += traffic.bytesIn();
        out += traffic.bytesOut();
      }
    }
    FloorEvents.line("{\"event\":\"verdict\",\"test\":" + FloorEvents.quoted(context.getUniqueId())
        + ",\"verdict\":\"" + (exchanges > 0 ? "AUTHENTIC" : "MASKED") + "\",\"exchanges\":" + exchanges
        + ",\"in\":" + in + ",\"out\":" + out + "}");
    if (exchanges == 0) {
      throw new AssertionError("NO_INTERACTION: no bytes exchanged with 127.0.0.1:" + PORT + " while the test ran");
    }
  }
}
