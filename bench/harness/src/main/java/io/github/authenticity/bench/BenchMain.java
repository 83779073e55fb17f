package io.github.authenticity.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The benchmark driver: for each scenario, runs configuration A and B alternately (ABBA order), each
 * run in a fresh JVM, and writes the medians and spreads to {@code results.md}. See bench/README.md.
 *
 * <p>Arguments: {@code --quick} (small sizes, about two minutes), {@code --only=1,3} (some scenarios; 8, the floor,
 * runs only when named),
 * {@code --out=FILE} (default {@code <bench>/results.md}). System property {@code bench.home}: the
 * {@code bench/} folder.
 */
public final class BenchMain {

  /** Sizes and repetitions of one mode. */
  record Sizes(String name, int healthyClasses, int healthyMethods, int midClasses, int smallSuite, int reps, int warmups,
      int deadClasses, int deadMethods, int blackHoleSample, int blackHoleReps, int preflightServices,
      int reportTests, int reportReps, int perTestClasses, int perTestBefore) {
  }

  static final Sizes FULL = new Sizes("full", 50, 100, 20, 100, 5, 1, 4, 50, 3, 3, 50, 100_000, 3, 20, 20);
  static final Sizes QUICK = new Sizes("quick", 5, 20, 2, 20, 2, 0, 2, 10, 1, 1, 10, 10_000, 2, 2, 4);

  private static final String HEALTHY_PACKAGE = "bench.healthy";
  private static final String DEAD_PACKAGE = "bench.dead";
  private static final String PER_TEST_PACKAGE = "bench.pertest";
  private static final String THIS_BUILD = "this build: extension and agent";
  private static final String HEALTHY = "Healthy suite: wall time, ";
  private static final String SHARED_CLIENT = "one GET each through a shared JDK HttpClient";
  private static final int CLIENT_TIMEOUT_MILLIS = 10_000;
  private static final int PREFLIGHT_DELAY_MILLIS = 200;
  /** A guarded run on the black-holed port still not red after this is stopped (it should take ~2 s + start-up). */
  private static final Duration RED_LIMIT = Duration.ofSeconds(60);
  /** Any other JUnit child JVM still running after this is stopped. */
  private static final Duration CHILD_LIMIT = Duration.ofMinutes(10);

  private final Sizes sizes;
  private final Path bench;
  private final Path work;
  private final Jvm jvm;
  private final Path harnessClasses;
  private final List<Path> junitJars;
  private final List<Path> libJars;
  private final Path extensionJar;
  /** The agent jar: this build's child JVMs run with {@code -javaagent:} it, as {@code prepare-agent} sets it up. */
  private final Path agentJar;
  private final List<Results.Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Suites.Suite healthyGuarded;
  private Suites.Suite healthyPlain;
  private int outputs;
  /** The extension jar of an earlier build, for scenario 6, or {@code null}. */
  private Path beforeJar;

  private BenchMain(Sizes sizes, Path bench) {
    this.sizes = sizes;
    this.bench = bench;
    this.work = bench.resolve("target").resolve("work");
    Suites.deleteRecursively(work);
    this.jvm = new Jvm(work);
    Path target = bench.resolve("harness").resolve("target");
    this.harnessClasses = target.resolve("classes");
    this.junitJars = jars(target.resolve("junit"));
    this.libJars = jars(target.resolve("lib"));
    this.extensionJar = target.resolve("ext").resolve("authenticity-junit-extension.jar");
    this.agentJar = target.resolve("agent").resolve("authenticity-agent.jar");
    if (junitJars.isEmpty() || !Files.isRegularFile(extensionJar) || !Files.isRegularFile(agentJar)) {
      throw new IllegalStateException("The harness is not built: no jars in [" + target.resolve("junit")
          + "], no [" + extensionJar + "] or no [" + agentJar + "]. Run bench/run.sh, which builds it first.");
    }
  }

  public static void main(String[] args) throws Exception {
    Sizes sizes = FULL;
    Set<Integer> only = new LinkedHashSet<>(List.of(1, 7, 2, 3, 4, 5));
    Path bench = Path.of(System.getProperty("bench.home", "bench")).toAbsolutePath().normalize();
    Path out = bench.resolve("results.md");
    boolean profile = false;
    Path before = null;
    for (String arg : args) {
      if (arg.equals("--quick")) {
        sizes = QUICK;
      } else if (arg.equals("--profile")) {
        profile = true;
      } else if (arg.startsWith("--only=")) {
        only.clear();
        for (String n : arg.substring(7).split(",")) {
          only.add(Integer.parseInt(n.strip()));
        }
      } else if (arg.startsWith("--before=")) {
        before = Path.of(arg.substring("--before=".length())).toAbsolutePath().normalize();
        if (!Files.isRegularFile(before)) {
          System.err.println("--before names no file: [" + before + "]. Give the shaded extension jar of the "
              + "earlier build, e.g. the one bench/before.sh <commit> prints.");
          System.exit(2);
        }
      } else if (arg.startsWith("--out=")) {
        out = Path.of(arg.substring(6)).toAbsolutePath();
      } else {
        System.err.println("Unknown argument [" + arg + "]. Allowed: --quick, --only=1,2,3,4,5,6,7,8, --out=FILE, "
            + "--before=JAR, --profile");
        System.exit(2);
      }
    }
    if (before != null && java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--only="))) {
      only.add(6); // all scenarios and the comparison with the earlier build
    }
    if (only.contains(6) && before == null) {
      System.err.println("Scenario 6 compares this build with an earlier one: give its extension jar with "
          + "--before=JAR (bench/before.sh <commit> builds it and prints its path).");
      System.exit(2);
    }
    BenchMain main = new BenchMain(sizes, bench);
    main.beforeJar = before;
    if (profile) {
      main.profile();
      return;
    }
    Instant started = Instant.now();
    String header = Machine.describe(bench, sizes.name(), String.join(" ", args));
    for (int scenario : only) {
      double loadBefore = Machine.loadAverage();
      Instant scenarioStart = Instant.now();
      switch (scenario) {
        case 1 -> main.healthyOverhead();
        case 2 -> main.timeToRed();
        case 3 -> main.preflight();
        case 4 -> main.reportAtScale();
        case 5 -> main.socketEvidence();
        case 6 -> main.beforeAndAfter();
        case 7 -> main.connectionPerTest();
        case 8 -> main.floor();
        default -> throw new IllegalArgumentException("No scenario [" + scenario + "]; there are 1 to 8");
      }
      double loadAfter = Machine.loadAverage();
      String warning = Math.max(loadBefore, loadAfter) > 1.5 ? " — load above 1.5: timings NOT trustworthy" : "";
      main.notes.add(String.format(Locale.ROOT, "Scenario %d took %d s; load average (1 min) %.2f before, %.2f after%s.",
          scenario, Duration.between(scenarioStart, Instant.now()).toSeconds(), loadBefore, loadAfter, warning));
    }
    String markdown = Results.markdown(header, main.rows, main.notes,
        Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS));
    Files.writeString(out, markdown, StandardCharsets.UTF_8);
    System.out.println(markdown);
    System.out.println("Written to " + out);
  }

  // ---------------------------------------------------------------- profile (not a scenario)

  /**
   * One JFR-recorded run each of the healthy suite: guarded with defaults, guarded with {@code interaction=off},
   * unguarded with the extension jar on the class path (P-U), plain JUnit. Writes {@code target/work/profile.md};
   * results.md is untouched.
   */
  private void profile() throws IOException {
    ensureHealthySuites();
    Path directory = work.resolve("profiles");
    Path settings = Profile.settings(directory);
    List<String> args = List.of("--server", "package:" + HEALTHY_PACKAGE);
    StringBuilder out = new StringBuilder("# Profile of the healthy suite (" + healthyGuarded.size() + " tests)\n\n");
    out.append("- Load average (1 min) at start: ").append(String.format(Locale.ROOT, "%.2f", Machine.loadAverage()))
        .append("\n\n");
    record Config(String label, Suites.Suite suite, boolean guarded, List<String> options) {
    }
    List<Config> configs = List.of(
        new Config("P-A", healthyGuarded, true, List.of()),
        new Config("P-A-off", healthyGuarded, true, List.of("-Dauthenticity.detection.interaction=off")),
        new Config("P-U", healthyPlain, true, List.of()),
        new Config("P-B", healthyPlain, false, List.of()));
    for (Config config : configs) {
      Path recording = directory.resolve(config.label() + ".jfr");
      List<String> options = new ArrayList<>(config.options());
      options.add("-XX:StartFlightRecording:filename=" + recording + ",settings=" + settings);
      Jvm.Run run = junit(config.label(), config.suite(), config.guarded(), options, args);
      progress("profile", config.label(), 0, run.wallMillis(), null);
      out.append(String.format(Locale.ROOT, "## %s %s%n%nwall %.2f s, process CPU %d ms, main thread CPU %d ms, "
          + "Launcher.execute %d ms, main() entered %d ms after JVM start; %d succeeded, %d failed; peak RSS %d MB; "
          + "%d classes loaded, GC %d ms, JIT %d ms; threads: %s%n%n", config.label(), config.options(),
          run.wallMillis() / 1000, run.number("cpuMillis"),
          run.number("mainCpuMillis"), run.number("executeMillis"), run.number("mainStartMillis"),
          run.number("succeeded"), run.number("failed"), run.number("vmHwmKb") / 1024, run.number("classesLoaded"),
          run.number("gcMillis"), run.number("jitMillis"), run.text("topThreads")));
      if (Files.isRegularFile(recording)) {
        out.append(Profile.summarize(config.label(), recording, 25));
      } else {
        out.append("(no recording; see ").append(run.log()).append(")\n\n");
      }
    }
    Path file = work.resolve("profile.md");
    Files.writeString(file, out, StandardCharsets.UTF_8);
    System.out.println(out);
    System.out.println("Written to " + file + "; recordings in " + directory);
  }

  // ---------------------------------------------------------------- 1. healthy suite

  private void healthyOverhead() {
    ensureHealthySuites();
    int n = healthyGuarded.size();
    List<String> args = List.of("--server", "package:" + HEALTHY_PACKAGE);
    Runs runs = healthyRuns("1-healthy", "1", n, sizes.warmups(),
        rep -> junit("1-A", healthyGuarded, true, List.of(), args),
        rep -> junit("1-B", healthyPlain, false, List.of(), args));
    List<Jvm.Run> a = runs.a();
    List<Jvm.Run> b = runs.b();
    ratioRow("1", HEALTHY + n + " guarded tests, " + SHARED_CLIENT, n, a, b);
    summaryNote("1 A", a);
    Stats rssA = stat(a, r -> r.number("vmHwmKb"));
    Stats rssB = stat(b, r -> r.number("vmHwmKb"));
    double addedMb = (rssA.median() - rssB.median()) / 1024;
    rows.add(new Results.Row("1m", "Healthy suite: peak RSS of the test JVM (VmHWM)", THIS_BUILD,
        "plain JUnit", rssA.megabytes(), rssB.megabytes(), String.format(Locale.ROOT, "%+.0f MB", addedMb),
        "≤ +30 MB", met(addedMb <= 30)));
    cpuRow("1c", "Healthy suite: CPU time of the test JVM, all threads (JIT and GC included; robust under load)",
        THIS_BUILD, "plain JUnit", a, b, n);
    Stats execA = stat(a, r -> r.number("executeMillis"));
    Stats execB = stat(b, r -> r.number("executeMillis"));
    notes.add(String.format(Locale.ROOT, "1: inside the JVM, Launcher.execute took %s (A) vs %s (B); the rest of "
        + "the wall time is JVM start-up, discovery set-up and exit. Classes loaded: %s (A) vs %s (B); GC time %s "
        + "(A) vs %s (B).", execA.millis(), execB.millis(), stat(a, r -> r.number("classesLoaded")).count(),
        stat(b, r -> r.number("classesLoaded")).count(), stat(a, r -> r.number("gcMillis")).millis(),
        stat(b, r -> r.number("gcMillis")).millis()));
    List<double[]> points = new ArrayList<>();
    points.add(added(n, a, b));
    if (sizes.midClasses() > 0) {
      points.add(otherSize("1k", "s1-mid", sizes.midClasses(), sizes.healthyMethods(), true));
    }
    if (sizes.smallSuite() > 0) {
      points.add(otherSize("1s", "s1-small", sizes.smallSuite() / 20, 20, false));
      fixedAndPerTest(points);
    }
    unguarded(n, args);
  }

  /** The wall-time ratio row of a suite of {@code n} guarded tests, this build against plain JUnit (goal ≤ 5%). */
  private void ratioRow(String id, String what, int n, List<Jvm.Run> a, List<Jvm.Run> b) {
    Stats wallA = wall(a);
    Stats wallB = wall(b);
    double overhead = (wallA.median() / wallB.median() - 1) * 100;
    double perTest = (wallA.median() - wallB.median()) / n;
    rows.add(new Results.Row(id, what, THIS_BUILD, "plain JUnit, no extension jar", wallA.seconds(), wallB.seconds(),
        String.format(Locale.ROOT, "%+.1f%% (%+.3f ms per test)", overhead, perTest), "≤ 5%", met(overhead <= 5)));
  }

  /** {n, added wall ms, added CPU ms} of one size. */
  private static double[] added(int n, List<Jvm.Run> a, List<Jvm.Run> b) {
    return new double[] {n, wall(a).median() - wall(b).median(),
        stat(a, r -> r.number("cpuMillis")).median() - stat(b, r -> r.number("cpuMillis")).median()};
  }

  /** Measures another size of the healthy suite, A against B; a row of its own when {@code ratioRow}. */
  private double[] otherSize(String id, String directory, int classes, int methods, boolean ratioRow) {
    Suites suites = new Suites(junitJars);
    Suites.Suite guarded = suites.generate(work.resolve(directory + "-guarded"), HEALTHY_PACKAGE, "Healthy", classes,
        methods, true, extensionJar);
    Suites.Suite plain = suites.generate(work.resolve(directory + "-plain"), HEALTHY_PACKAGE, "Healthy", classes,
        methods, false, null);
    int n = guarded.size();
    List<String> args = List.of("--server", "package:" + HEALTHY_PACKAGE);
    Runs runs = healthyRuns(id + "-" + n, id, n, 0,
        rep -> junit(id + "-A", guarded, true, List.of(), args),
        rep -> junit(id + "-B", plain, false, List.of(), args));
    List<Jvm.Run> a = runs.a();
    List<Jvm.Run> b = runs.b();
    if (ratioRow) {
      ratioRow(id, HEALTHY + n + " guarded tests, " + SHARED_CLIENT, n, a, b);
    } else {
      rows.add(new Results.Row(id, "Healthy suite, " + n + " tests: wall time (for the fixed and per-test cost)",
          THIS_BUILD, "plain JUnit", wall(a).seconds(), wall(b).seconds(),
          String.format(Locale.ROOT, "%+.2f s", (wall(a).median() - wall(b).median()) / 1000), "(reported)", ""));
    }
    return added(n, a, b);
  }

  /**
   * Splits the added cost into a fixed part per test JVM and a part per guarded test: a least-squares line
   * through the added wall (and CPU) time of every size measured (2 or 3 points).
   */
  private void fixedAndPerTest(List<double[]> points) {
    double[] wallLine = line(points, 1);
    double[] cpuLine = line(points, 2);
    String sizesText = String.join(", ", points.stream().map(p -> Integer.toString((int) p[0])).toList());
    rows.add(new Results.Row("1f", "Healthy suite: fixed cost per test JVM (intercept of the added wall time over "
        + "the sizes " + sizesText + ")", THIS_BUILD, "plain JUnit", "", "",
        String.format(Locale.ROOT, "%+.0f ms (CPU %+.0f ms)", wallLine[0], cpuLine[0]), "≤ 150 ms",
        met(wallLine[0] <= 150)));
    rows.add(new Results.Row("1p", "Healthy suite: cost per guarded test (slope of the added wall time over the sizes "
        + sizesText + ")", THIS_BUILD, "plain JUnit", "", "",
        String.format(Locale.ROOT, "%+.0f µs (CPU %+.0f µs)", wallLine[1] * 1000, cpuLine[1] * 1000), "≤ 50 µs",
        met(wallLine[1] * 1000 <= 50)));
  }

  /** {intercept, slope} of the least-squares line of {@code p[column]} over {@code p[0]}. */
  private static double[] line(List<double[]> points, int column) {
    double meanX = points.stream().mapToDouble(p -> p[0]).average().orElse(0);
    double meanY = points.stream().mapToDouble(p -> p[column]).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    for (double[] p : points) {
      sxy += (p[0] - meanX) * (p[column] - meanY);
      sxx += (p[0] - meanX) * (p[0] - meanX);
    }
    double slope = sxx == 0 ? 0 : sxy / sxx;
    return new double[] {meanY - slope * meanX, slope};
  }

  /** Unguarded tests: the plain suite with the extension jar on the classpath (its listener runs) against without. */
  private void unguarded(int n, List<String> args) {
    Runs runs = healthyRuns("1u-unguarded", "1u", n, 0,
        rep -> junit("1u-A", healthyPlain, true, List.of(), args),
        rep -> junit("1u-B", healthyPlain, false, List.of(), args));
    List<Jvm.Run> a = runs.a();
    List<Jvm.Run> b = runs.b();
    Stats wallA = wall(a);
    Stats wallB = wall(b);
    double overhead = (wallA.median() / wallB.median() - 1) * 100;
    rows.add(new Results.Row("1u", "Unguarded suite: wall time, " + n + " tests without @RequiresRealService, "
        + SHARED_CLIENT, "extension jar on the classpath (its listener runs) and -javaagent",
        "plain JUnit, no extension jar",
        wallA.seconds(), wallB.seconds(), String.format(Locale.ROOT, "%+.1f%% (CPU %+.1f%%)", overhead,
            (stat(a, r -> r.number("cpuMillis")).median() / stat(b, r -> r.number("cpuMillis")).median() - 1) * 100),
        "≤ 1%", met(overhead <= 1)));
  }

  // ---------------------------------------------------------------- 2. dead environment

  private void timeToRed() {
    Suites suites = new Suites(junitJars);
    Suites.Suite guarded = suites.generate(work.resolve("s2-guarded"), DEAD_PACKAGE, "Dead", sizes.deadClasses(),
        sizes.deadMethods(), true, extensionJar);
    Suites.Suite plain = suites.generate(work.resolve("s2-plain"), DEAD_PACKAGE, "Dead", sizes.deadClasses(),
        sizes.deadMethods(), false, null);
    int n = guarded.size();
    String timeout = "-Dbench.clientTimeoutMillis=" + CLIENT_TIMEOUT_MILLIS;

    // (a) refused
    int refused = DeadServers.refusedPort();
    List<String> refusedOptions = List.of("-Dbench.port=" + refused, timeout);
    List<Jvm.Run> a = new ArrayList<>();
    List<Jvm.Run> b = new ArrayList<>();
    alternate("2a-refused", sizes.reps(), sizes.reps(), 0, a, b,
        rep -> junit("2a-A", guarded, true, refusedOptions, List.of("package:" + DEAD_PACKAGE)),
        rep -> junit("2a-B", plain, false, refusedOptions, List.of("package:" + DEAD_PACKAGE)));
    checkRed("2a", "A", a, n);
    checkRed("2a", "B", b, n);
    Stats wallA = wall(a);
    Stats wallB = wall(b);
    rows.add(new Results.Row("2a", "Dead environment, refused port: time to red, " + n + " tests",
        "extension (preflight fails them)", "plain JUnit, same client (10 s timeout)", wallA.seconds(),
        wallB.seconds(), String.format(Locale.ROOT, "plain / extension = %.1fx", wallB.median() / wallA.median()),
        "≈ start-up", ""));
    firstFailureNote("2a", a);

    // (b) black hole
    try (DeadServers.BlackHole hole = new DeadServers.BlackHole()) {
      List<String> holeOptions = List.of("-Dbench.port=" + hole.port(), timeout);
      List<Jvm.Run> ha = new ArrayList<>();
      List<Jvm.Run> hb = new ArrayList<>();
      int sample = sizes.blackHoleSample();
      List<String> sampleSelectors = plain.firstTests(sample);
      alternate("2b-black-hole", sizes.reps(), sizes.blackHoleReps(), 0, ha, hb,
          rep -> junit("2b-A", guarded, extensionJar, true, holeOptions, List.of("package:" + DEAD_PACKAGE), RED_LIMIT),
          rep -> junit("2b-B", plain, false, holeOptions, sampleSelectors));
      checkRed("2b", "A", ha, n);
      checkRed("2b", "B (sample)", hb, sample);
      // a run still green after RED_LIMIT counts as RED_LIMIT: the ratio below is then an upper bound
      Stats holeA = stat(ha.stream().filter(r -> r.timedOut() || !r.result().isEmpty()).toList(),
          r -> r.timedOut() ? RED_LIMIT.toMillis() : r.wallMillis());
      long stopped = ha.stream().filter(Jvm.Run::timedOut).count();
      if (stopped > 0) {
        notes.add(String.format(Locale.ROOT, "2b A: %d of %d runs were NOT red within %d s and were stopped; they "
            + "count as %d s, so the ratio is at best that.", stopped, ha.size(), RED_LIMIT.toSeconds(),
            RED_LIMIT.toSeconds()));
      }
      // extrapolation: the measured sample, plus each remaining test at the sample's measured per-test time
      List<Double> extrapolated = hb.stream()
          .map(r -> r.wallMillis() + (n - sample) * (double) r.number("executeMillis") / sample).toList();
      Stats holeB = Stats.of(extrapolated);
      Stats sampleB = wall(hb);
      double ratio = holeB.median() / holeA.median();
      notes.add(String.format(Locale.ROOT, "2b A − 2a A (the black hole's extra time to red; the probe timeout is "
          + "2 s): %+.2f s.", (holeA.median() - wallA.median()) / 1000));
      rows.add(new Results.Row("2b", "Dead environment, black-holed port (accepts, never answers): time to red, "
          + n + " tests", "extension (2 s probe timeout)",
          "plain JUnit, 10 s client timeout: EXTRAPOLATED from " + sample + " test(s)", holeA.seconds(),
          holeB.seconds(), String.format(Locale.ROOT, "%.0fx sooner", ratio), "≥ 100x, ≈ probe timeout + start-up",
          met(ratio >= 100)));
      notes.add(String.format(Locale.ROOT, "2b: plain JUnit was measured on the first %d test(s) only (%s wall); "
          + "the B column is that wall time plus %d more tests at the sample's measured per-test time (each waits "
          + "for its %d s read timeout).", sample, sampleB.seconds(), n - sample, CLIENT_TIMEOUT_MILLIS / 1000));
      firstFailureNote("2b", ha);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  // ---------------------------------------------------------------- 3. preflight

  private void preflight() {
    int n = sizes.preflightServices();
    List<Jvm.Run> a = new ArrayList<>();
    List<Jvm.Run> b = new ArrayList<>();
    List<Path> classpath = driverClasspath();
    alternate("3-preflight", sizes.reps(), sizes.reps(), 0, a, b,
        rep -> jvm.run("3-A", classpath, List.of(), PreflightChild.class.getName(),
            List.of(Integer.toString(n), Integer.toString(PREFLIGHT_DELAY_MILLIS)), Duration.ofMinutes(2)),
        rep -> jvm.run("3-B", classpath, List.of(), PreflightChild.class.getName(),
            List.of("1", Integer.toString(PREFLIGHT_DELAY_MILLIS)), Duration.ofMinutes(2)));
    String error = firstError(a, b);
    if (error != null) {
      rows.add(new Results.Row("3", "Preflight: " + n + " HTTP services, 200 ms latency each", "probeAll(" + n + ")",
          "probeAll(1)", "n/a", "n/a", "not measured: " + error, "< 2x slowest single probe", "—"));
      return;
    }
    checkUp("3", "A", a, n);
    checkUp("3", "B", b, 1);
    Stats all = stat(a, r -> Double.parseDouble(r.text("probeAllMillis")));
    Stats one = stat(b, r -> Double.parseDouble(r.text("probeAllMillis")));
    double ratio = all.median() / one.median();
    rows.add(new Results.Row("3", "Preflight: " + n + " HTTP services, 200 ms latency each (cold JVM, in-process timing)",
        "probeAll(" + n + " services)", "probeAll(1 service) = slowest single probe", all.millis(), one.millis(),
        String.format(Locale.ROOT, "%.2fx the single probe", ratio), "< 2x", met(ratio < 2)));
    Stats warmAll = stat(a, r -> Double.parseDouble(r.text("warmProbeAllMillis")));
    Stats warmOne = stat(b, r -> Double.parseDouble(r.text("warmProbeAllMillis")));
    double warmRatio = warmAll.median() / warmOne.median();
    rows.add(new Results.Row("3w", "Preflight, second run in the same JVM (warm)", "probeAll(" + n + " services)",
        "probeAll(1 service)", warmAll.millis(), warmOne.millis(),
        String.format(Locale.ROOT, "%.2fx the single probe", warmRatio), "< 2x", met(warmRatio < 2)));
    Stats slowest = stat(a, r -> r.number("slowestLatencyMillis"));
    notes.add("3: the slowest latency any probe reported within the " + n + "-service run: " + slowest.millis() + ".");
  }

  // ---------------------------------------------------------------- 4. report

  private void reportAtScale() {
    // the events files depend only on the size and the generator, so they are kept between runs
    Path events = bench.resolve("target").resolve("events-v" + EventsGenerator.VERSION + "-" + sizes.reportTests());
    Path complete = events.resolve("complete");
    long genStart = System.nanoTime();
    if (!Files.isRegularFile(complete)) {
      Suites.deleteRecursively(events);
      EventsGenerator.generate(events, 4, sizes.reportTests());
      try {
        Files.writeString(complete, "generated\n");
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    List<Path> files = io.github.authenticity.core.internal.events.EventReader.find(events);
    long bytes = files.stream().mapToLong(BenchMain::size).sum();
    notes.add(String.format(Locale.ROOT, "4: %d events files, %d test records, %.1f MB (generated with EventWriter "
        + "in %.1f s or reused from %s; not part of the measurement).", files.size(), sizes.reportTests(), bytes / 1e6,
        (System.nanoTime() - genStart) / 1e9, bench.relativize(events)));
    List<Path> classpath = driverClasspath();
    // one run at the goal's heap first: a run that ends in OutOfMemoryError takes long, so it is not repeated
    String heap = "-Xmx512m";
    String outOfMemory = null;
    for (String candidate : List.of("-Xmx512m", "-Xmx640m", "-Xmx768m", "-Xmx1g", "-Xmx2g")) {
      heap = candidate;
      Jvm.Run probe = jvm.run("4-A-heap", classpath, List.of(heap), ReportChild.class.getName(),
          List.of("full", events.toString(), work.resolve("s4-report").toString()), Duration.ofMinutes(3));
      String probeError = probe.text("error");
      progress("4-report", "A " + heap, 0, probe.wallMillis(), probeError.isEmpty() ? null : probeError);
      if (!probeError.startsWith("OutOfMemoryError")) {
        break;
      }
      // the bound is missed: note where, then find the smallest of a few heaps that fits and measure there
      outOfMemory = outOfMemory == null ? probeError + " at " + heap : outOfMemory + "; also at " + heap;
    }
    List<Jvm.Run> a = new ArrayList<>();
    List<Jvm.Run> b = new ArrayList<>();
    reportRuns(classpath, events, heap, a, b);
    String error = firstError(a, b);
    String what = "Report: merge and write " + sizes.reportTests() + " test records from 4 events files (" + heap + ")";
    if (error != null) {
      rows.add(new Results.Row("4", what, "read + build + writeAll", "read only", "n/a", "n/a",
          "not measured: " + error, "< 5 s, < 512 MB", "—"));
      return;
    }
    if (outOfMemory != null) {
      rows.add(new Results.Row("4x", "Report: the same with -Xmx512m", "read + build + writeAll", "read only",
          "ran out of memory", "", outOfMemory + "; the smallest heap tried that fits: " + heap.substring(4),
          "< 512 MB", met(false)));
    }
    Stats totalA = stat(a, r -> Double.parseDouble(r.text("totalMillis")));
    Stats totalB = stat(b, r -> Double.parseDouble(r.text("totalMillis")));
    Stats heapA = stat(a, r -> r.number("peakHeapKb"));
    Stats heapB = stat(b, r -> r.number("peakHeapKb"));
    rows.add(new Results.Row("4", what + ": time in the JVM", "read + build + writeAll (json, html, md, xml)",
        "read the events files only", totalA.millis(), totalB.millis(),
        String.format(Locale.ROOT, "%.2f s", totalA.median() / 1000), "< 5 s",
        met(totalA.median() < 5000)));
    rows.add(new Results.Row("4m", what + ": peak heap (sum of pool peaks, an upper bound)",
        "read + build + writeAll", "read only", heapA.megabytes(), heapB.megabytes(),
        String.format(Locale.ROOT, "%.0f MB of 512", heapA.median() / 1024), "< 512 MB",
        met(outOfMemory == null && heapA.max() < 512 * 1024)));
    Jvm.Run last = a.get(a.size() - 1);
    notes.add(String.format(Locale.ROOT, "4: phases of the last A run: read %s ms, addEventFile %s ms, build %s ms, "
        + "writeAll %s ms; %s tests in the report; HTML %.1f MB; JVM wall %s (A) vs %s (B); CPU of the main thread "
        + "%s (A) vs %s (B), of the process %s (A).", last.text("readMillis"),
        last.text("addMillis"), last.text("buildMillis"), last.text("writeMillis"), last.text("reportTests"),
        last.number("htmlBytes") / 1e6, wall(a).seconds(), wall(b).seconds(),
        stat(a, r -> r.number("mainCpuMillis")).millis(), stat(b, r -> r.number("mainCpuMillis")).millis(),
        stat(a, r -> r.number("cpuMillis")).millis()));
    browser(work.resolve("s4-report").resolve("authenticity-report.html"));
  }

  private void reportRuns(List<Path> classpath, Path events, String heap, List<Jvm.Run> a, List<Jvm.Run> b) {
    alternate("4-report " + heap, sizes.reportReps(), sizes.reportReps(), 0, a, b,
        rep -> jvm.run("4-A", classpath, List.of(heap), ReportChild.class.getName(),
            List.of("full", events.toString(), work.resolve("s4-report").toString()), Duration.ofMinutes(3)),
        rep -> jvm.run("4-B", classpath, List.of(heap), ReportChild.class.getName(),
            List.of("read", events.toString(), work.resolve("s4-read").toString()), Duration.ofMinutes(3)));
  }

  private void browser(Path html) {
    String chromium = Chromium.executable();
    String what = "Report HTML (" + sizes.reportTests() + " tests): load in headless Chromium";
    if (chromium == null) {
      rows.add(new Results.Row("4h", what, "report", "blank page", "n/a", "n/a",
          "not measured: Chromium not installed (apt-get install -y chromium)", "opens without stalling", "—"));
      return;
    }
    if (!Files.isRegularFile(html)) {
      rows.add(new Results.Row("4h", what, "report", "blank page", "n/a", "n/a", "not measured: no [" + html + "]",
          "opens without stalling", "—"));
      return;
    }
    Path page = work.resolve("s4-page.html");
    Path blank = work.resolve("s4-blank.html");
    Chromium.instrument(html, page);
    try {
      Files.writeString(blank, "<!DOCTYPE html><html><head>" + Chromium.HEAD_SCRIPT + "<meta charset=\"utf-8\">"
          + "<title>blank</title></head><body><p>blank</p>" + Chromium.MARKER_SCRIPT + "</body></html>",
          StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    List<Chromium.Load> a = new ArrayList<>();
    List<Chromium.Load> b = new ArrayList<>();
    for (int rep = 0; rep < sizes.reportReps(); rep++) {
      for (int k = 0; k < 2; k++) {
        boolean doA = (rep % 2 == 0) == (k == 0);
        Chromium.Load load = doA ? Chromium.load(chromium, page, work, "A" + rep)
            : Chromium.load(chromium, blank, work, "B" + rep);
        progress("4h-browser", doA ? "A" : "B", rep, load.wallMillis(), load.error());
        (doA ? a : b).add(load);
      }
    }
    String error = Stream.concat(a.stream(), b.stream()).map(Chromium.Load::error).filter(e -> e != null)
        .findFirst().orElse(null);
    if (error != null) {
      rows.add(new Results.Row("4h", what, "report", "blank page", "n/a", "n/a", "not measured: " + error,
          "opens without stalling", "—"));
      return;
    }
    Stats pageA = Stats.of(a.stream().map(Chromium.Load::pageMillis).toList());
    Stats pageB = Stats.of(b.stream().map(Chromium.Load::pageMillis).toList());
    Stats wallA = Stats.of(a.stream().map(Chromium.Load::wallMillis).toList());
    Stats wallB = Stats.of(b.stream().map(Chromium.Load::wallMillis).toList());
    rows.add(new Results.Row("4h", what + ": navigation start to a laid-out page at load (performance.now())",
        "the report", "a blank page", pageA.millis(), pageB.millis(),
        String.format(Locale.ROOT, "%.2f s", pageA.median() / 1000), "no stall (< 5 s)",
        met(pageA.median() < 5000)));
    Stats search = Stats.of(a.stream().map(Chromium.Load::searchMillis).filter(v -> !v.isNaN()).toList());
    Stats click = Stats.of(a.stream().map(Chromium.Load::clickMillis).filter(v -> !v.isNaN()).toList());
    if (search.isEmpty()) {
      rows.add(new Results.Row("4f", "Report HTML: filter", "the report", "", "n/a", "", "not measured: the page "
          + "has no filter box #q", "no stall", "—"));
    } else {
      double worst = Math.max(search.max(), click.isEmpty() ? 0 : click.max());
      rows.add(new Results.Row("4f", "Report HTML: filter " + sizes.reportTests() + " tests, until laid out again",
          "type \"" + Chromium.QUERY + "\" (debounce not counted)", "click the first verdict button",
          search.millis(), click.millis(), "slowest " + String.format(Locale.ROOT, "%.0f ms", worst),
          "no stall (< 1 s)", met(worst < 1000)));
      notes.add("4f: after the query the page said \"" + a.get(a.size() - 1).searchInfo() + "\".");
    }
    notes.add("4h: whole Chromium process (start, load, dump DOM, exit): " + wallA.seconds() + " for the report vs "
        + wallB.seconds() + " for a blank page.");
  }

  // ---------------------------------------------------------------- 5. socket evidence

  private void socketEvidence() {
    ensureHealthySuites();
    int n = healthyGuarded.size();
    List<String> args = List.of("--server", "package:" + HEALTHY_PACKAGE);
    Runs runs = healthyRuns("5-socket", "5", n, sizes.warmups(),
        rep -> junit("5-A", healthyGuarded, true, List.of(), args),
        rep -> junit("5-B", healthyGuarded, extensionJar, false, List.of(), args, CHILD_LIMIT));
    List<Jvm.Run> a = runs.a();
    List<Jvm.Run> b = runs.b();
    Stats wallA = wall(a);
    Stats wallB = wall(b);
    double perTest = (wallA.median() - wallB.median()) / n;
    rows.add(new Results.Row("5", "Socket proof alone (the agent): " + n + " guarded tests, " + SHARED_CLIENT,
        "this build with -javaagent (interaction=required, the default)",
        "the same without -javaagent (tests unproven; other detectors on)", wallA.seconds(), wallB.seconds(),
        String.format(Locale.ROOT, "%+.3f ms per test (%+.1f%%)", perTest,
            (wallA.median() / wallB.median() - 1) * 100), "(reported)", ""));
    cpuRow("5c", "Socket proof alone: CPU time of the test JVM", "with -javaagent", "without", a, b, n);
    summaryNote("5 A", a);
    summaryNote("5 B", b);
  }

  // ---------------------------------------------------------------- 6. before and after

  /**
   * This build's extension against an earlier build's ({@code --before=JAR}), in one run, alternating: the
   * healthy suite of row 1k (compiled once against this build's annotations, which both builds share), then
   * 100 tests, so the fixed part and the per-test part of a change can be told apart.
   */
  private void beforeAndAfter() {
    Suites suites = new Suites(junitJars);
    List<String> args = List.of("--server", "package:" + HEALTHY_PACKAGE);
    List<double[]> points = new ArrayList<>();
    for (int[] size : new int[][] {{sizes.midClasses(), sizes.healthyMethods()}, {sizes.smallSuite() / 20, 20}}) {
      Suites.Suite guarded = suites.generate(work.resolve("s6-" + size[0] + "x" + size[1]), HEALTHY_PACKAGE, "Healthy",
          size[0], size[1], true, extensionJar);
      int n = guarded.size();
      Runs runs = healthyRuns("6-" + n, "6", n, 0,
          rep -> junit("6-A", guarded, true, List.of(), args),
          rep -> junit("6-B", guarded, beforeJar, beforeAgent(), List.of(), args, CHILD_LIMIT));
      points.add(beforeRow(points.isEmpty() ? "6" : "6s", "wall time, " + n + " guarded tests", n, runs));
    }
    double[] wallLine = line(points, 1);
    double[] cpuLine = line(points, 2);
    rows.add(new Results.Row("6f", "Before and after: the change per test JVM and per guarded test (line through "
        + "the two sizes)", "this build", "the --before jar", "", "",
        String.format(Locale.ROOT, "%+.0f ms per JVM, %+.0f µs per test (CPU %+.0f ms, %+.0f µs)", wallLine[0],
            wallLine[1] * 1000, cpuLine[0], cpuLine[1] * 1000), "(reported)", ""));
    // the connection-per-test suite of scenario 7: the before build waited for JFR's flush in each of these tests
    Suites.Suite perTest = suites.generate(work.resolve("s6-per-test"), PER_TEST_PACKAGE, "PerTest", 1,
        sizes.perTestBefore(), true, extensionJar, Suites.Shape.CONNECTION_PER_TEST);
    int n = perTest.size();
    List<String> perTestArgs = List.of("--server", "package:" + PER_TEST_PACKAGE);
    Runs runs = healthyRuns("6p-" + n, "6p", n, 0,
        rep -> junit("6p-A", perTest, true, List.of(), perTestArgs),
        rep -> junit("6p-B", perTest, beforeJar, beforeAgent(), List.of(), perTestArgs, CHILD_LIMIT));
    beforeRow("6p", "connection per test (opened in @BeforeEach, closed in @AfterEach), wall time, " + n
        + " guarded tests", n, runs);
    summaryNote("6p A", runs.a());
    summaryNote("6p B", runs.b());
    notes.add("6: the --before jar is " + beforeJar + (beforeAgent() == null
        ? " (run without -javaagent: it had no agent)." : ", run with its own agent, " + beforeAgent() + "."));
  }

  // ---------------------------------------------------------------- 7. connection per test

  /**
   * The suite whose every test opens a connection of its own in {@code @BeforeEach}, makes one HTTP GET on it in
   * the body and closes it in {@code @AfterEach}: the connection is gone before the test's window closes.
   */
  private void connectionPerTest() {
    Suites suites = new Suites(junitJars);
    Suites.Suite guarded = suites.generate(work.resolve("s7-guarded"), PER_TEST_PACKAGE, "PerTest",
        sizes.perTestClasses(), sizes.healthyMethods(), true, extensionJar, Suites.Shape.CONNECTION_PER_TEST);
    Suites.Suite plain = suites.generate(work.resolve("s7-plain"), PER_TEST_PACKAGE, "PerTest",
        sizes.perTestClasses(), sizes.healthyMethods(), false, null, Suites.Shape.CONNECTION_PER_TEST);
    int n = guarded.size();
    List<String> args = List.of("--server", "package:" + PER_TEST_PACKAGE);
    Runs runs = healthyRuns("7-per-test", "7", n, sizes.warmups(),
        rep -> junit("7-A", guarded, true, List.of(), args),
        rep -> junit("7-B", plain, false, List.of(), args));
    ratioRow("7", "Connection per test: wall time, " + n + " guarded tests, each opening a connection in "
        + "@BeforeEach, one HTTP GET on it in the body, closing it in @AfterEach", n, runs.a(), runs.b());
    cpuRow("7c", "Connection per test: CPU time of the test JVM, all threads", THIS_BUILD,
        "plain JUnit", runs.a(), runs.b(), n);
    summaryNote("7 A", runs.a());
  }

  // ---------------------------------------------------------------- 8. the floor

  /**
   * What the least per-test work costs, on the healthy suite of row 1: the floor ({@code bench/harness/src/floor}:
   * the agent's window around each test, a verdict from its counters, three crash-safe lines per test, nothing else)
   * against plain JUnit, this build against the floor, and the agent alone (plain JUnit with {@code -javaagent});
   * the four configurations alternate in one run.
   */
  private void floor() {
    ensureHealthySuites();
    Path floorClasses = Floor.compile(bench.resolve("harness").resolve("src").resolve("floor"),
        work.resolve("floor-classes"), junitJars, agentJar);
    Suites.Suite floorSuite = new Suites(junitJars).generateFloor(work.resolve("s8-floor"), HEALTHY_PACKAGE,
        "Healthy", sizes.healthyClasses(), sizes.healthyMethods(), floorClasses);
    int n = floorSuite.size();
    List<String> args = List.of("--server", "package:" + HEALTHY_PACKAGE);
    // twice the repetitions of the other rows: the differences measured here are a few per cent
    List<List<Jvm.Run>> runs = rotate("8-floor", 2 * sizes.reps(), sizes.warmups(),
        List.of("this build", "floor", "plain", "agent"),
        List.of(rep -> junit("8-A", healthyGuarded, true, List.of(), args),
            rep -> junit("8-F", floorSuite, floorClasses, agentJar, List.of(), args, CHILD_LIMIT),
            rep -> junit("8-B", healthyPlain, false, List.of(), args),
            rep -> junit("8-G", healthyPlain, null, agentJar, List.of(), args, CHILD_LIMIT)));
    List<Jvm.Run> build = runs.get(0);
    List<Jvm.Run> floor = runs.get(1);
    List<Jvm.Run> plain = runs.get(2);
    List<Jvm.Run> agent = runs.get(3);
    checkCounts("8", "this build", build, n, 0);
    checkCounts("8", "floor", floor, n, 0);
    checkCounts("8", "plain", plain, n, 0);
    checkCounts("8", "agent", agent, n, 0);
    String floorName = "the floor: the agent's window, a verdict from its counters, 3 lines per test";
    floorRow("8", "The floor: wall time, " + n + " tests, " + SHARED_CLIENT, floorName, "plain JUnit", n,
        floor, plain, Jvm.Run::wallMillis, "≤ 5%");
    floorRow("8c", "The floor: CPU time of the test JVM, all threads", floorName, "plain JUnit", n, floor, plain,
        r -> r.number("cpuMillis"), "(reported)");
    floorRow("8m", "The floor: CPU time of the main thread (the one that runs the tests and the callbacks)",
        floorName, "plain JUnit", n, floor, plain, r -> r.number("mainCpuMillis"), "(reported)");
    floorRow("8x", "This build against the floor: wall time", THIS_BUILD, floorName, n, build, floor,
        Jvm.Run::wallMillis, "(reported)");
    floorRow("8xc", "This build against the floor: CPU time of the test JVM", THIS_BUILD, floorName, n, build, floor,
        r -> r.number("cpuMillis"), "(reported)");
    floorRow("8xm", "This build against the floor: CPU time of the main thread", THIS_BUILD, floorName, n, build,
        floor, r -> r.number("mainCpuMillis"), "(reported)");
    floorRow("8a", "The agent alone: wall time, the same tests without annotation or extension jar, with -javaagent "
        + "(what any test JVM of a build with prepare-agent pays, guarded tests or not)", "plain JUnit with "
        + "-javaagent", "plain JUnit", n, agent, plain, Jvm.Run::wallMillis, "(reported)");
    floorRow("8ac", "The agent alone: CPU time of the test JVM", "plain JUnit with -javaagent", "plain JUnit", n,
        agent, plain, r -> r.number("cpuMillis"), "(reported)");
    summaryNote("8 this build", build);
    notes.add("8: the four configurations ran in turn, the order rotated each repetition (this build, the floor, "
        + "plain JUnit, the agent alone; then the floor, plain JUnit, the agent alone, this build; ...). Lines in "
        + "the floor's events file per run (3 per test: started, verdict, finished; " + 3 * n + " expected): "
        + floorLines() + ".");
  }

  /** How many lines each of the floor's runs wrote into its events file, in the order of the runs. */
  private List<Long> floorLines() {
    List<Long> counts = new ArrayList<>();
    try (Stream<Path> outputs = Files.list(work)) {
      for (Path output : outputs.filter(p -> p.getFileName().toString().startsWith("authenticity-8-F-"))
          .sorted(java.util.Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString()
              .substring("authenticity-8-F-".length())))).toList()) {
        Path events = output.resolve("floor-events.jsonl");
        try (Stream<String> lines = Files.lines(events, StandardCharsets.UTF_8)) {
          counts.add(lines.count());
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot count the floor's events in [" + work + "]: " + ex.getMessage(), ex);
    }
    return counts;
  }

  /** A row of {@code a} against {@code b} for one measure (milliseconds), with the goal when it is a target. */
  private void floorRow(String id, String what, String nameA, String nameB, int n, List<Jvm.Run> a, List<Jvm.Run> b,
      ToDoubleFunction<Jvm.Run> value, String goal) {
    Stats valueA = stat(a, value);
    Stats valueB = stat(b, value);
    double added = (valueA.median() / valueB.median() - 1) * 100;
    rows.add(new Results.Row(id, what, nameA, nameB, valueA.seconds(), valueB.seconds(),
        String.format(Locale.ROOT, "%+.1f%% (%+.0f µs per test)", added,
            (valueA.median() - valueB.median()) * 1000 / n),
        goal, goal.startsWith("≤") ? met(added <= 5) : ""));
  }

  /**
   * Runs several configurations in turn, the order rotated each repetition (A B C, B C A, C A B, ...), after
   * {@code warmups} discarded rounds; returns each configuration's runs.
   */
  private static List<List<Jvm.Run>> rotate(String scenario, int reps, int warmups, List<String> names,
      List<IntFunction<Jvm.Run>> configs) {
    List<List<Jvm.Run>> runs = new ArrayList<>();
    configs.forEach(c -> runs.add(new ArrayList<>()));
    for (int w = 0; w < warmups; w++) {
      for (int c = 0; c < configs.size(); c++) {
        progress(scenario, names.get(c) + " warm-up", w, configs.get(c).apply(-1).wallMillis(), null);
      }
    }
    for (int rep = 0; rep < reps; rep++) {
      for (int k = 0; k < configs.size(); k++) {
        int c = (rep + k) % configs.size();
        Jvm.Run run = configs.get(c).apply(rep);
        runs.get(c).add(run);
        progress(scenario, names.get(c), rep, run.wallMillis(), null);
      }
    }
    return runs;
  }

  /**
   * The extension's console summary of each run ({@code 2000 guarded tests: 2000 authentic (3 unproven)}), and its
   * other lines of the last run (a MASKED test, the agent missing), as a note: what proved the tests.
   */
  private void summaryNote(String what, List<Jvm.Run> runs) {
    List<String> perRun = new ArrayList<>();
    List<String> last = List.of();
    for (Jvm.Run run : runs) {
      try (Stream<String> lines = Files.lines(run.log(), StandardCharsets.ISO_8859_1)) {
        last = lines.filter(l -> l.startsWith("[authenticity]") && !l.contains("report: ")).limit(4)
            .map(l -> l.substring("[authenticity]".length()).strip()).toList();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      perRun.add(last.isEmpty() ? "(no summary: " + run.log().getFileName() + ")" : last.get(0));
    }
    if (perRun.isEmpty()) {
      return;
    }
    String more = last.size() > 1 ? "; the last run also said: " + abbreviate(String.join(" / ", last.subList(1,
        last.size()))) : "";
    notes.add(what + ", the extension's summary of each run: " + String.join("; ", perRun) + more + ".");
  }

  /** A row of this build against the --before jar; returns {n, added wall ms, added CPU ms}. */
  private double[] beforeRow(String id, String what, int n, Runs runs) {
    Stats wallA = wall(runs.a());
    Stats wallB = wall(runs.b());
    Stats cpuA = stat(runs.a(), r -> r.number("cpuMillis"));
    Stats cpuB = stat(runs.b(), r -> r.number("cpuMillis"));
    rows.add(new Results.Row(id, "Before and after: " + what + " (CPU in the result)", "this build",
        "the --before jar (" + beforeName() + ")", wallA.seconds(), wallB.seconds(),
        String.format(Locale.ROOT, "%+.1f%% (%+.3f ms per test; CPU %+.1f%%)",
            (wallA.median() / wallB.median() - 1) * 100, (wallA.median() - wallB.median()) / n,
            (cpuA.median() / cpuB.median() - 1) * 100), "(reported)", ""));
    return new double[] {n, wallA.median() - wallB.median(), cpuA.median() - cpuB.median()};
  }

  /** The agent jar that bench/before.sh kept beside the --before jar (that build's own), or null when it had none. */
  private Path beforeAgent() {
    Path agent = beforeJar.resolveSibling("authenticity-agent.jar");
    return Files.isRegularFile(agent) ? agent : null;
  }

  /** {@code 08b5675/authenticity-junit-extension.jar} for a jar that bench/before.sh built, else its file name. */
  private String beforeName() {
    Path parent = beforeJar.getParent();
    return parent != null && parent.getParent() != null && parent.getParent().getFileName().toString().equals("before")
        ? "commit " + parent.getFileName() : beforeJar.getFileName().toString();
  }

  // ---------------------------------------------------------------- helpers

  /** Goals are for the full sizes; quick runs only show that the harness works. */
  private String met(boolean met) {
    return sizes == QUICK ? "(quick: not judged)" : Results.met(met);
  }

  private void cpuRow(String id, String what, String nameA, String nameB, List<Jvm.Run> a, List<Jvm.Run> b, int n) {
    Stats cpuA = stat(a, r -> r.number("cpuMillis"));
    Stats cpuB = stat(b, r -> r.number("cpuMillis"));
    rows.add(new Results.Row(id, what, nameA, nameB, cpuA.seconds(), cpuB.seconds(),
        String.format(Locale.ROOT, "%+.1f%% (%+.3f ms per test)", (cpuA.median() / cpuB.median() - 1) * 100,
            (cpuA.median() - cpuB.median()) / n), "(reported)", ""));
    a.stream().filter(r -> !r.result().isEmpty()).reduce((x, y) -> y).ifPresent(r -> notes.add(id
        + ": busiest Java threads of the last A run: " + r.text("topThreads") + "."));
    b.stream().filter(r -> !r.result().isEmpty()).reduce((x, y) -> y).ifPresent(r -> notes.add(id
        + ": busiest Java threads of the last B run: " + r.text("topThreads") + "."));
  }

  private void ensureHealthySuites() {
    if (healthyGuarded == null) {
      Suites suites = new Suites(junitJars);
      healthyGuarded = suites.generate(work.resolve("s1-guarded"), HEALTHY_PACKAGE, "Healthy",
          sizes.healthyClasses(), sizes.healthyMethods(), true, extensionJar);
      healthyPlain = suites.generate(work.resolve("s1-plain"), HEALTHY_PACKAGE, "Healthy", sizes.healthyClasses(),
          sizes.healthyMethods(), false, null);
    }
  }

  /** A JUnit child of this build (its extension jar on the class path, its agent loaded) or of plain JUnit. */
  private Jvm.Run junit(String label, Suites.Suite suite, boolean thisBuild, List<String> options,
      List<String> args) {
    return junit(label, suite, thisBuild ? extensionJar : null, thisBuild, options, args, CHILD_LIMIT);
  }

  private Jvm.Run junit(String label, Suites.Suite suite, Path extension, boolean agent, List<String> options,
      List<String> args, Duration timeout) {
    return junit(label, suite, extension, agent ? agentJar : null, options, args, timeout);
  }

  /**
   * A JUnit child with {@code extension} (this build's jar or an earlier one) on its class path, or none when null,
   * and with {@code -javaagent:agent} (this build's agent or an earlier one) first among its options unless null, as
   * {@code prepare-agent} puts it first into Surefire's {@code argLine}.
   */
  private Jvm.Run junit(String label, Suites.Suite suite, Path extension, Path agent, List<String> options,
      List<String> args, Duration timeout) {
    List<String> jvmOptions = new ArrayList<>();
    if (agent != null) {
      jvmOptions.add("-javaagent:" + agent);
    }
    jvmOptions.addAll(junitOptions(label, options));
    return jvm.run(label, junitClasspath(suite, extension), jvmOptions, JunitChild.class.getName(), args, timeout);
  }

  private List<Path> junitClasspath(Suites.Suite suite, Path extension) {
    List<Path> classpath = new ArrayList<>();
    classpath.add(harnessClasses);
    classpath.addAll(junitJars);
    if (extension != null) {
      classpath.add(extension);
    }
    classpath.add(suite.classes());
    return classpath;
  }

  private List<String> junitOptions(String label, List<String> options) {
    List<String> jvmOptions = new ArrayList<>(options);
    // a fresh output directory per run (as after `mvn clean`), one history per configuration kept across its
    // repetitions (as a CI cache would keep it)
    jvmOptions.add("-Dauthenticity.outputDirectory=" + work.resolve("authenticity-" + label + "-" + (++outputs)));
    jvmOptions.add("-Dauthenticity.history=" + work.resolve("history-" + label + ".json"));
    return jvmOptions;
  }

  private List<Path> driverClasspath() {
    List<Path> classpath = new ArrayList<>();
    classpath.add(harnessClasses);
    classpath.addAll(libJars);
    return classpath;
  }

  /** A's and B's runs of one measurement. */
  private record Runs(List<Jvm.Run> a, List<Jvm.Run> b) {
  }

  /**
   * A healthy suite of {@code n} tests under A and B, {@code sizes.reps()} runs each, alternating after
   * {@code warmups} discarded pairs; every run is checked to have passed all {@code n}.
   */
  private Runs healthyRuns(String scenario, String id, int n, int warmups, IntFunction<Jvm.Run> runA,
      IntFunction<Jvm.Run> runB) {
    List<Jvm.Run> a = new ArrayList<>();
    List<Jvm.Run> b = new ArrayList<>();
    alternate(scenario, sizes.reps(), sizes.reps(), warmups, a, b, runA, runB);
    checkCounts(id, "A", a, n, 0);
    checkCounts(id, "B", b, n, 0);
    return new Runs(a, b);
  }

  /** Runs A and B alternately, ABBA, after {@code warmups} discarded pairs. */
  private static void alternate(String scenario, int repsA, int repsB, int warmups, List<Jvm.Run> a,
      List<Jvm.Run> b, IntFunction<Jvm.Run> runA, IntFunction<Jvm.Run> runB) {
    for (int w = 0; w < warmups; w++) {
      progress(scenario, "A warm-up", w, runA.apply(-1).wallMillis(), null);
      progress(scenario, "B warm-up", w, runB.apply(-1).wallMillis(), null);
    }
    for (int rep = 0; rep < Math.max(repsA, repsB); rep++) {
      boolean aFirst = rep % 2 == 0;
      for (int k = 0; k < 2; k++) {
        boolean doA = aFirst == (k == 0);
        if (doA && rep < repsA) {
          Jvm.Run run = runA.apply(rep);
          a.add(run);
          progress(scenario, "A", rep, run.wallMillis(), null);
        } else if (!doA && rep < repsB) {
          Jvm.Run run = runB.apply(rep);
          b.add(run);
          progress(scenario, "B", rep, run.wallMillis(), null);
        }
      }
    }
  }

  private static void progress(String scenario, String config, int rep, double wallMillis, String error) {
    System.err.printf(Locale.ROOT, "[bench] %-14s %-10s rep %d: %.2f s%s%n", scenario, config, rep + 1,
        wallMillis / 1000, error == null ? "" : " (" + error + ")");
  }

  /** A run is red when no test succeeded and every test failed, or none started because its class failed. */
  private void checkRed(String scenario, String config, List<Jvm.Run> runs, long tests) {
    for (Jvm.Run run : runs) {
      if (run.timedOut()) {
        continue;
      }
      if (run.exitCode() != 0 || run.result().isEmpty()) {
        notes.add(scenario + " " + config + ": a child JVM exited with " + run.exitCode()
            + " and no result; see " + run.log());
        continue;
      }
      boolean allFailed = run.number("failed") == tests;
      boolean containersFailed = run.number("started") == 0 && run.number("containersFailed") > 0;
      if (run.number("succeeded") != 0 || !(allFailed || containersFailed)) {
        notes.add(String.format(Locale.ROOT, "%s %s: NOT RED as expected: %d found, %d started, %d succeeded, "
            + "%d failed, %d containers failed. First failure: %s. Log: %s", scenario, config, run.number("found"),
            run.number("started"), run.number("succeeded"), run.number("failed"), run.number("containersFailed"),
            abbreviate(run.text("firstFailureMessage")), run.log()));
        return;
      }
    }
    Jvm.Run first = runs.stream().filter(r -> !r.result().isEmpty()).findFirst().orElse(null);
    if (first != null && first.number("failed") == 0) {
      notes.add(String.format(Locale.ROOT, "%s %s: red through its classes: %d test classes failed before any "
          + "of their %d tests started (JUnit reports the class failures, not one failure per test).", scenario, config,
          first.number("containersFailed"), tests));
    }
  }

  private void checkCounts(String scenario, String config, List<Jvm.Run> runs, long succeeded, long failed) {
    for (Jvm.Run run : runs) {
      if (run.timedOut()) {
        continue;
      }
      if (run.exitCode() != 0 || run.result().isEmpty()) {
        notes.add(scenario + " " + config + ": a child JVM exited with " + run.exitCode()
            + " and no result; see " + run.log());
        continue;
      }
      if (run.number("succeeded") != succeeded || run.number("failed") != failed) {
        notes.add(String.format(Locale.ROOT, "%s %s: UNEXPECTED outcome: %d found, %d succeeded, %d failed, "
            + "%d aborted, %d skipped (expected %d succeeded, %d failed). First failure: %s. Log: %s", scenario,
            config, run.number("found"), run.number("succeeded"), run.number("failed"), run.number("aborted"),
            run.number("skipped"), succeeded, failed, abbreviate(run.text("firstFailureMessage")), run.log()));
        return;
      }
    }
  }

  private void checkUp(String scenario, String config, List<Jvm.Run> runs, long up) {
    for (Jvm.Run run : runs) {
      if (run.number("up") != up) {
        notes.add(scenario + " " + config + ": UNEXPECTED: " + run.number("up") + " of " + run.number("results")
            + " services UP (expected " + up + "): " + run.text("firstNotUp") + ". Log: " + run.log());
        return;
      }
    }
  }

  private void firstFailureNote(String scenario, List<Jvm.Run> runs) {
    Jvm.Run run = runs.stream().filter(r -> !r.result().isEmpty()).findFirst().orElse(null);
    if (run == null) {
      return;
    }
    notes.add(String.format(Locale.ROOT, "%s A: first failure %s ms after JVM start, the plan finished after %s ms; "
        + "the message: %s", scenario, run.text("firstFailureMillis"), run.text("executeEndMillis"),
        abbreviate(run.text("firstFailureMessage"))));
  }

  private static String firstError(List<Jvm.Run> a, List<Jvm.Run> b) {
    return Stream.concat(a.stream(), b.stream()).map(r -> {
      if (!r.text("error").isEmpty()) {
        return r.text("error");
      }
      return r.result().isEmpty() ? "child JVM exited with " + r.exitCode() + " and no result; see " + r.log() : null;
    }).filter(e -> e != null).findFirst().map(BenchMain::abbreviate).orElse(null);
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }

  private static Stats wall(List<Jvm.Run> runs) {
    return stat(runs, Jvm.Run::wallMillis);
  }

  private static Stats stat(List<Jvm.Run> runs, ToDoubleFunction<Jvm.Run> value) {
    return Stats.of(runs.stream().filter(r -> !r.result().isEmpty()).map(r -> value.applyAsDouble(r))
        .filter(v -> v >= 0).toList());
  }

  private static List<Path> jars(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
