package io.github.authenticity.core.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.github.authenticity.core.internal.events.EventReader;
import io.github.authenticity.core.internal.events.EventsFormat;

/** One results folder of {@link AuthenticityCheck} and the events files found in it. */
record Shard(String name, Path folder, List<Path> files) {

  /** The shard {@code name} with the events files under {@code folder}. */
  static Shard of(String name, Path folder) {
    return new Shard(name, folder, find(folder));
  }

  /** The events files under {@code folder}, at any depth, sorted; none when it does not exist. */
  private static List<Path> find(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    // a folder given as a symbolic link is followed (Files.walk alone would see the link, not the folder); links
    // inside it are not, so a link cannot pull in files from elsewhere twice
    try (Stream<Path> files = Files.walk(folder.toRealPath())) {
      return files.filter(p -> EventReader.isEventsFile(p) && Files.isRegularFile(p)).sorted().toList();
    } catch (IOException ex) {
      throw new UncheckedIOException("Cannot list the events files in [" + folder + "]: " + ex.getMessage(), ex);
    }
  }

  /** Why this shard is missing or crashed, or {@code null}. */
  String problem(List<String> incompleteReasons) {
    if (!Files.exists(folder)) {
      return "MISSING: there is no folder [" + folder + "]; did its job run and upload its test results?";
    }
    if (!Files.isDirectory(folder)) {
      return "MISSING: [" + folder + "] is not a folder";
    }
    if (files.isEmpty()) {
      return "MISSING: no events files (" + EventsFormat.GLOB + ") in [" + folder + "]: its tests never ran, or"
          + " the authenticity extension was not on their class path";
    }
    for (String reason : incompleteReasons) {
      for (Path file : files) {
        if (reason.contains(file.toString())) {
          return "INCOMPLETE: " + reason;
        }
      }
    }
    return null;
  }

  String found() {
    return files.size() + " events " + (files.size() == 1 ? "file" : "files") + " in [" + folder + "]";
  }
}
