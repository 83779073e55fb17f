package io.github.authenticity.core.internal.model;

import java.util.List;

import org.apiguardian.api.API;

/**
 * A guarded test found in the compiled test classes (the Maven plugin supplies these), so the report
 * can name guarded tests that no test plan ever contained.
 *
 * @param className   the binary class name, e.g. {@code com.example.OrderE2E} or {@code com.example.Outer$Inner}
 * @param methodName  the test method name
 * @param services    the services it requires
 * @param stagingOnly whether it is {@code @StagingOnly}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record CompiledTest(String className, String methodName, List<String> services, boolean stagingOnly) {

  /** Copies {@code services} (null becomes empty). */
  public CompiledTest {
    services = services == null ? List.of() : List.copyOf(services);
  }
}
