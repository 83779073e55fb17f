package io.github.authenticity.junit;

import org.junit.jupiter.api.extension.Extension;

/** The Jupiter extension behind {@link RequiresRealService} and {@link StagingOnly}. */
class AuthenticityExtension implements Extension {
}
