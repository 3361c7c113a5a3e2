package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.AttributeChange.TimeChange;
import io.godfs.domain.file.DfsPath;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs fs touch [-a|-m] [-c] [-d TIME|-t STAMP] PATH...} (ADR 0028), as touch(1): sets the
 * access and modification times of each path, to the master's time unless a time is given, to the
 * nanosecond; a missing file is created empty unless {@code -c}. A time it cannot read is a usage
 * error (exit 2). {@code -m} is touch(1)'s here, so the master is {@code --master} (or {@code godfs
 * fs -m HOST:PORT touch}, or GODFS_MASTER): build it with {@link #commandLine}.
 */
@Command(
    name = "touch",
    mixinStandardHelpOptions = true,
    description =
        "Set the access and modification times of each PATH (now, the master's time, unless -d"
            + " or -t); create missing files empty, as touch(1).",
    footer = {"", "-m is the modification time here: give the master as --master HOST:PORT."})
final class TouchCommand extends AttributeCommand {
  @Option(names = "-a", description = "Change the access time only.")
  boolean accessOnly;

  /** {@code -m} too: {@link #commandLine} gives it the name the master's option had. */
  @Option(names = "--modification-only", description = "Change the modification time only.")
  boolean modificationOnly;

  @Option(
      names = {"-c", "--no-create"},
      description = "Do not create a missing file (and say nothing about it).")
  boolean noCreate;

  /** The time given by -d or -t; null: the master's time. */
  private Instant time;

  private String source;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Absolute goDFS path.")
  List<String> paths;

  TouchCommand(CliContext ctx) {
    super(ctx);
  }

  /**
   * The command with touch(1)'s {@code -m} (modification time only) in place of the {@code -m} of
   * {@code --master}, which every other fs command has.
   */
  static CommandLine commandLine(CliContext ctx) {
    CommandLine line = new CommandLine(new TouchCommand(ctx));
    CommandSpec spec = line.getCommandSpec();
    OptionSpec master = spec.findOption("--master");
    OptionSpec modification = spec.findOption("--modification-only");
    spec.remove(master);
    spec.remove(modification);
    spec.addOption(OptionSpec.builder(modification).names("-m", "--modification-only").build());
    spec.addOption(OptionSpec.builder(master).names("--master").build());
    return line;
  }

  @Option(
      names = {"-d", "--date"},
      paramLabel = "TIME",
      description =
          "Use TIME: ISO-8601 / RFC 3339 with up to 9 fraction digits (2026-01-02T03:04:05.5Z,"
              + " 1969-07-20T20:17:40-05:00; without an offset: local time), a date, @SECONDS"
              + " or now.")
  void date(String text) {
    from("-d", text);
    try {
      time = TouchTimes.date(text, ZoneId.systemDefault());
    } catch (IllegalArgumentException e) {
      throw usage("-d", text, e.getMessage());
    }
  }

  @Option(
      names = "-t",
      paramLabel = "STAMP",
      description = "Use [[CC]YY]MMDDhhmm[.ss] (local time) instead of now.")
  void stamp(String text) {
    from("-t", text);
    try {
      time = TouchTimes.stamp(text, ZoneId.systemDefault());
    } catch (IllegalArgumentException e) {
      throw usage("-t", text, e.getMessage());
    }
  }

  private void from(String option, String text) {
    if (source != null && !source.equals(option)) {
      throw usage(option, text, "a time is already given by " + source + " (use one of -d and -t)");
    }
    source = option;
  }

  private ParameterException usage(String option, String text, String why) {
    return new ParameterException(
        spec.commandLine(), "touch: invalid " + option + " '" + text + "' (" + why + ")");
  }

  @Override
  List<String> paths() {
    return paths;
  }

  @Override
  String verb() {
    return "touch";
  }

  @Override
  void change(FileSystemUseCase fs, DfsPath path) {
    TimeChange to = time == null ? TimeChange.NOW : new AttributeChange.At(time);
    boolean both = accessOnly == modificationOnly;
    AttributeChange change =
        AttributeChange.times(
            both || accessOnly ? to : TimeChange.KEEP,
            both || modificationOnly ? to : TimeChange.KEEP);
    try {
      fs.setAttributes(path, change);
      return;
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
      if (noCreate) {
        return; // touch -c: a missing file is no error
      }
    }
    try {
      fs.createEmpty(path, false); // both times are now, the master's
    } catch (DfsException e) {
      if (e.code() != ErrorCode.ALREADY_EXISTS) {
        throw e;
      }
      fs.setAttributes(path, change); // created in between by someone else
      return;
    }
    if (time != null) {
      fs.setAttributes(path, change);
    }
  }
}
