package io.github.authenticity.core.internal.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Which build a run belongs to, and the one rule for which events files belong to a build
 * ({@code docs/report.md}, "Which events files belong to a build").
 *
 * <p>A run's identity is written as the {@code build} field of its {@code run} event, one string
 * {@code <pid>@<startMillis>|<sinceMillis or ->|<startedMillis>}, e.g.
 * {@code 11948@1796112808520|1796112810766|1796112811176}.
 *
 * @param process the build tool's JVM, {@code <pid>@<start epoch millis>}: for a Surefire or Failsafe fork the
 *                nearest ancestor process that is a JVM (Surefire on Linux starts each fork through its own
 *                {@code /bin/sh}, so the direct parent differs from fork to fork); for any other JVM (tests in
 *                Maven's own JVM with {@code forkCount=0}, an IDE, Gradle) this JVM itself
 * @param since   when the enclosing build step started, {@code null} when it is not known: for a fork, the start
 *                of its Surefire/Failsafe execution (the time stamp Surefire puts in the fork's command line, shared
 *                by every fork of the execution); for the Maven plugin, the start of the Maven session
 * @param started when this run (test plan) started; for the plugin's own identity the same as {@code since}
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record BuildIdentity(String process, Instant since, Instant started) {

  /** The file names of a JVM's command; the shells between a build tool's JVM and its fork have others. */
  private static final Set<String> JVM_COMMANDS = Set.of("java", "java.exe", "javaw.exe");

  /** How many ancestors are looked at for the build tool's JVM (sh, then java: two are enough today). */
  private static final int MAX_ANCESTORS = 4;

  /**
   * Surefire's dump file name in a fork's command line: {@code 2026-12-01T08-13-30_766-jvmRun2}, the local time
   * the Surefire/Failsafe execution started ({@code DumpFileUtils}, the same in 3.2, 3.5 and 3.6).
   */
  private static final Pattern SUREFIRE_STAMP =
      Pattern.compile("(?:^|\\s)(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}_\\d{3})-jvmRun\\d+(?:\\s|$)");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss_SSS", Locale.ROOT);

  private static final String UNKNOWN = "-";

  /**
   * This JVM's identity for a run that starts now: read from the process tree and, in a Surefire or Failsafe
   * fork, from the booter's command line ({@code sun.java.command}).
   */
  public static BuildIdentity current() {
    Instant now = Instant.now();
    String command = System.getProperty("sun.java.command", "");
    ProcessHandle self = ProcessHandle.current();
    Optional<Instant> stamp = forkedExecutionStart(command, ZoneId.systemDefault());
    ProcessHandle process = stamp.isPresent() ? buildProcess(self) : self;
    // a run starts after its execution: a later stamp was read in another time zone than Maven's, so it is not known.
    // Compared with the wall clock, not with this JVM's start as the kernel tells it: that is derived from the boot
    // time in whole seconds, up to a second early on Linux, while a fork starts a few hundred milliseconds after its
    // execution (the stamp then looked later than the fork, and the run lost its build)
    Instant since = stamp.filter(s -> !s.isAfter(now)).orElse(null);
    return new BuildIdentity(process(process), since, now);
  }

  /** The identity of a build step that runs in this JVM and started at {@code since} (the Maven session). */
  public static BuildIdentity ofThisProcess(Instant since) {
    return new BuildIdentity(process(ProcessHandle.current()), since, since);
  }

  /**
   * The one rule: whether the run {@code file} belongs to this build. It does iff it ran under the same build tool
   * process and started at or after this build's {@code since}. With no {@code since} (a JVM that was not started
   * by a Surefire/Failsafe execution) no other run belongs: it reports its own run only. A run without an identity
   * (no {@code build} field, an older format, an unreadable first line) belongs to no build.
   */
  public boolean includes(BuildIdentity file) {
    return file != null && since != null && file.started != null && process.equals(file.process)
        && !file.started.isBefore(since);
  }

  /**
   * The identity {@code mvn authenticity:report} uses when it runs on its own, in another Maven process than the
   * build that ran the tests (e.g. after {@code mvn test}): the newest build, i.e. every run of the process that
   * wrote the most recently started run. {@code null} when none has an identity.
   */
  public static BuildIdentity newest(List<BuildIdentity> runs) {
    BuildIdentity newest = null;
    for (BuildIdentity run : runs) {
      if (run != null && run.started != null && (newest == null || run.started.isAfter(newest.started))) {
        newest = run;
      }
    }
    return newest == null ? null : new BuildIdentity(newest.process, Instant.EPOCH, Instant.EPOCH);
  }

  /** The {@code build} field's value. */
  public String value() {
    return process + "|" + millis(since) + "|" + millis(started);
  }

  @Override
  public String toString() {
    return value();
  }

  /**
   * Reads a {@code build} field's value; empty when it is missing or not in this format (then the run belongs to
   * no build). An older {@code <pid>@<start>} value has no times and so belongs to none either.
   */
  public static Optional<BuildIdentity> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split("\\|", -1);
    if (parts.length != 3 || !parts[0].matches("\\d+@\\d+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BuildIdentity(parts[0], instant(parts[1]), instant(parts[2])));
    } catch (NumberFormatException ex) {
      return Optional.empty();
    }
  }

  /**
   * When the Surefire/Failsafe execution that started this fork began, read from the booter's command line
   * ({@code surefirebooter-*.jar <temp dir> <2026-12-01T08-13-30_766-jvmRun2> ...}, local time of the Maven JVM,
   * whose time zone a fork inherits); empty when {@code javaCommand} is not a Surefire booter's.
   */
  static Optional<Instant> forkedExecutionStart(String javaCommand, ZoneId zone) {
    if (javaCommand == null || !javaCommand.contains("surefire")) {
      return Optional.empty();
    }
    Matcher stamp = SUREFIRE_STAMP.matcher(javaCommand);
    if (!stamp.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(stamp.group(1), STAMP).atZone(zone).toInstant());
    } catch (DateTimeParseException ex) {
      return Optional.empty();
    }
  }

  /**
   * The build tool's JVM above a fork: the nearest ancestor whose command is a JVM ({@code java}), skipping the
   * shells in between; the direct parent when no ancestor says it is one (its command is hidden from us).
   */
  static ProcessHandle buildProcess(ProcessHandle fork) {
    Optional<ProcessHandle> parent = fork.parent();
    ProcessHandle ancestor = parent.orElse(null);
    for (int i = 0; ancestor != null && i < MAX_ANCESTORS; i++) {
      if (isJvm(ancestor.info().command().orElse(""))) {
        return ancestor;
      }
      ancestor = ancestor.parent().orElse(null);
    }
    return parent.orElse(fork);
  }

  /** Whether a process's command (a path) starts a JVM: its file name is {@code java}, {@code java.exe} or {@code javaw.exe}. */
  static boolean isJvm(String command) {
    String name = command.substring(Math.max(command.lastIndexOf('/'), command.lastIndexOf('\\')) + 1);
    return JVM_COMMANDS.contains(name.toLowerCase(Locale.ROOT));
  }

  private static String process(ProcessHandle process) {
    Instant start = process.info().startInstant().orElse(Instant.EPOCH);
    return process.pid() + "@" + start.toEpochMilli();
  }

  private static String millis(Instant instant) {
    return instant == null ? UNKNOWN : Long.toString(instant.toEpochMilli());
  }

  private static Instant instant(String millis) {
    return UNKNOWN.equals(millis) ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }
}
