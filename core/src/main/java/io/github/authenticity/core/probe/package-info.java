/**
 * The probe SPI: is each real service there, right now, as a server of its kind?
 *
 * <p>The preflight probes all services of a run in parallel, each under
 * a hard timeout, with the built-in probes ({@code http}, {@code https}, {@code tcp}, {@code websocket},
 * {@code postgres}, {@code redis}) and the custom ones registered through the
 * {@link io.github.authenticity.core.probe.ServiceProbe} SPI. Every outcome is a
 * {@link io.github.authenticity.core.probe.ProbeResult}: {@code UP}, {@code DEGRADED} or {@code DOWN}, with the
 * latency and a one-line detail that tells refused, timed out, DNS failure, TLS failure, HTTP status and wrong
 * protocol apart, with secrets redacted.
 */
package io.github.authenticity.core.probe;
