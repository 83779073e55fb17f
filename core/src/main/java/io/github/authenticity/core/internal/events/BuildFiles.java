package io.github.authenticity.core.internal.events;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * Which events files belong to a build: the listener's report and the plugin's goals both select with
 * {@link #select(List, BuildIdentity)}, by the {@link BuildIdentity} in each file's {@code run} event.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class BuildFiles {

  private BuildFiles() {
  }

  /**
   * What the {@code run} event that opens an events file says about where it was written.
   *
   * @param file  the events file
   * @param run   the run id
   * @param pid   the test JVM's process id, {@code 0} when missing
   * @param host  the test JVM's host name
   * @param build its identity; {@code null} when the file has none (no readable {@code run} event first)
   */
  public record Header(Path file, String run, long pid, String host, BuildIdentity build) {

    /**
     * Whether the test JVM that writes this file is still running: it runs on {@code thisHost}, and a live process
     * with its pid started no later than its run (so not another process that got the pid later).
     */
    public boolean stillRunning(String thisHost) {
      if (pid <= 0 || build == null || build.started() == null || !Objects.equals(host, thisHost)) {
        return false;
      }
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
          .flatMap(process -> process.info().startInstant())
          .map(start -> !start.isAfter(build.started()))
          .orElse(false);
    }
  }

  /**
   * The events files to merge, those left out, and the identity they were selected by.
   *
   * @param used     the files of the build
   * @param left     the files of other builds, and those without an identity
   * @param builds   the identities used: the one asked for, the recorded one, or the newest of each host
   * @param newest   whether {@code builds} are the newest builds', not the one asked for ({@link #selectOrNewest})
   * @param recorded where the build was read from when it is the one {@link TestBuildRecord} recorded, else
   *                 {@code null}
   */
  public record Selection(List<Path> used, List<Path> left, List<BuildIdentity> builds, boolean newest,
      Path recorded) {

    /** A selection by the build asked for or the newest ones. */
    public Selection(List<Path> used, List<Path> left, List<BuildIdentity> builds, boolean newest) {
      this(used, left, builds, newest, null);
    }

    /** What the selection left out and why, and which build it reports when it is not the one asked for. */
    public List<String> notes() {
      List<String> notes = new ArrayList<>();
      if (recorded != null) {
        notes.add("Judging the build that last ran the tests here (Maven process " + builds.get(0).process()
            + ", started " + builds.get(0).since() + ", recorded in [" + recorded + "]): "
            + (used.isEmpty() ? "it wrote no events file, so none of its guarded tests ran."
                : used.size() + " events " + files(used.size()) + "."));
      }
      if (newest) {
        notes.add("No events files of this build: reporting the newest build's " + used.size() + " "
            + files(used.size()) + " (Maven process " + String.join(", ", builds.stream().map(BuildIdentity::process)
            .toList()) + "). That build did not record that it ran the tests ([target/authenticity/"
            + TestBuildRecord.FILE + "]), so a later build that ran no test cannot be told apart from it: bind"
            + " authenticity:prepare-agent (it records each build that runs the tests), or run this goal in the"
            + " build that runs the tests (mvn verify, or mvn test authenticity:check).");
      }
      if (!left.isEmpty()) {
        notes.add("Ignoring " + left.size() + " events " + files(left.size()) + " of "
            + (newest ? "older builds" : "earlier builds or other Maven processes")
            + " (mvn clean removes them): " + left);
      }
      return notes;
    }

    private static String files(int count) {
      return count == 1 ? "file" : "files";
    }
  }

  /** Reads the header of {@code file}; the build is {@code null} when its first line is not a readable {@code run} event. */
  public static Header header(Path file) {
    return EventReader.runOf(file)
        .map(run -> new Header(file, run.run(), run.pid(), run.host(), BuildIdentity.parse(run.build()).orElse(null)))
        .orElseGet(() -> new Header(file, null, 0, null, null));
  }

  /** The files among {@code files} whose run {@code build} {@link BuildIdentity#includes includes}, in order. */
  public static Selection select(List<Path> files, BuildIdentity build) {
    List<Path> used = new ArrayList<>();
    List<Path> left = new ArrayList<>();
    for (Path file : files) {
      (build != null && build.includes(header(file).build()) ? used : left).add(file);
    }
    return new Selection(List.copyOf(used), List.copyOf(left), build == null ? List.of() : List.of(build), false);
  }

  /**
   * For a goal that did not run in the build that ran the tests ({@code mvn authenticity:check} after
   * {@code mvn test}): the files of {@code build} when there are any; else those of the build that last ran the tests
   * as {@link TestBuildRecord} recorded it (none when it wrote none: it ran no test), unless a later build of
   * another Maven process wrote events after it (a build that recorded nothing, e.g. {@code mvn test} with no goal
   * of the plugin bound before the tests): then, as without a record, the newest build's
   * ({@link #selectOrNewest}).
   *
   * @param recorded   the recorded build, or {@code null}
   * @param recordedIn where it was read, for the note
   */
  public static Selection selectOnItsOwn(List<Path> files, BuildIdentity build, BuildIdentity recorded,
      Path recordedIn) {
    Selection own = select(files, build);
    if (!own.used().isEmpty() || recorded == null) {
      return own.used().isEmpty() ? selectOrNewest(files, build) : own;
    }
    for (Path file : files) {
      BuildIdentity run = header(file).build();
      if (run != null && run.started() != null && !run.process().equals(recorded.process())
          && run.started().isAfter(recorded.since())) {
        return selectOrNewest(files, build);
      }
    }
    Selection selection = select(files, recorded);
    return new Selection(selection.used(), selection.left(), selection.builds(), false, recordedIn);
  }

  /**
   * For a goal that did not run in the build that ran the tests ({@code mvn authenticity:report} after
   * {@code mvn test}): the files of {@code build} when there are any (the goal was called on the command line of
   * the build that ran them, {@code mvn verify authenticity:report-aggregate}); else, for each host, those of its
   * newest build ({@link BuildIdentity#newest}): a re-run without {@code clean} on one machine counts once, while
   * the files of CI shards copied from several machines are all merged.
   */
  public static Selection selectOrNewest(List<Path> files, BuildIdentity build) {
    Selection own = select(files, build);
    if (!own.used().isEmpty()) {
      return own;
    }
    Map<String, List<BuildIdentity>> byHost = new LinkedHashMap<>();
    List<Header> headers = new ArrayList<>();
    for (Path file : files) {
      Header header = header(file);
      headers.add(header);
      byHost.computeIfAbsent(String.valueOf(header.host()), host -> new ArrayList<>()).add(header.build());
    }
    List<BuildIdentity> newest = new ArrayList<>();
    byHost.values().forEach(runs -> Optional.ofNullable(BuildIdentity.newest(runs)).ifPresent(newest::add));
    if (newest.isEmpty()) {
      return own;
    }
    List<Path> used = new ArrayList<>();
    List<Path> left = new ArrayList<>();
    for (Header header : headers) {
      (newest.stream().anyMatch(n -> n.includes(header.build())) ? used : left).add(header.file());
    }
    return new Selection(List.copyOf(used), List.copyOf(left), List.copyOf(newest), true);
  }
}
