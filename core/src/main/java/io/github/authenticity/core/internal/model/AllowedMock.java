package io.github.authenticity.core.internal.model;

import org.apiguardian.api.API;

/**
 * A deliberate mock: a field of a guarded test marked {@code @AllowMock}, listed in the report with its reason.
 *
 * @param field  the field name
 * @param type   the type of the mock it held
 * @param reason the reason given in {@code @AllowMock}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record AllowedMock(String field, String type, String reason) {
}
