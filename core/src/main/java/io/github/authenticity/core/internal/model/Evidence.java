package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * One piece of evidence about a guarded test.
 *
 * @param kind   what kind of evidence
 * @param detail one line a person can act on, secrets redacted, e.g.
 *               {@code WARN c.e.Client: "Using MockWebSocketManager due to connection failure"}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Evidence(EvidenceKind kind, String detail) {
}
