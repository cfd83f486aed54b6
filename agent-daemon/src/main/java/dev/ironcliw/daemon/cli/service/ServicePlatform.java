package dev.ironcliw.daemon.cli.service;

import java.nio.file.Path;
import java.util.List;

/** How one OS runs a per-user service: the file that defines it and the commands that load it. */
public interface ServicePlatform {
  /** Where the service's definition is written. */
  Path file();

  /** The definition file's text. */
  String render(ServiceDefinition service);

  /** Commands that load and start the service once its file is written, run in order. */
  List<List<String>> loadCommands();

  /** Commands that stop and unload it before its file is removed; failures are reported only. */
  List<List<String>> unloadCommands();

  /** Directories install makes first: the file's, and any the service writes its logs to. */
  default List<Path> directories() {
    return List.of(file().getParent());
  }

  /** Where the service's output goes, and how to read it, for the user. */
  String logs();

  /** The commands a user would run by hand when loading failed. */
  default String manualLoad() {
    return String.join(" && ", loadCommands().stream().map(c -> String.join(" ", c)).toList());
  }
}
