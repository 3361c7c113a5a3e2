package io.godfs.bootstrap.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The levels of this process's loggers (JUL's are global): those {@code GODFS_LOG_LEVEL} set at
 * start, and the changes {@code PUT /loggers/<name>} makes for a while, each reverted when its time
 * is up so that a forgotten DEBUG cannot fill a disk (ADR 0023, "Logs"). The loggers it configured
 * are kept here: JUL holds loggers weakly, and a collected logger would forget its level.
 */
public final class LogLevels {
  /** How long a change lasts when the caller does not say. */
  public static final Duration DEFAULT_FOR = Duration.ofMinutes(15);

  /** The longest a change may last. */
  public static final Duration MAX_FOR = Duration.ofHours(24);

  private static final System.Logger LOG = System.getLogger(LogLevels.class.getName());
  private static final LogLevels PROCESS = new LogLevels(Clock.systemUTC());

  private final Clock clock;
  private final Map<String, Logger> kept = new TreeMap<>();
  private final Map<String, Change> changes = new HashMap<>();
  private ScheduledExecutorService reverter;

  /** A change for a while: its level, the level it reverts to (empty: inherited), until when. */
  public record Change(Level level, Optional<Level> before, Instant until, String by) {}

  /** A configured logger: its level and, while one lasts, the change that set it. */
  public record Entry(String name, Level level, Optional<Change> change) {}

  LogLevels(Clock clock) {
    this.clock = clock;
  }

  /** This process's levels. */
  public static LogLevels process() {
    return PROCESS;
  }

  /** Sets the levels {@code spec} gives (at start). */
  public synchronized void apply(LogLevelSpec spec) {
    logger("").setLevel(spec.root());
    spec.loggers().forEach((name, level) -> logger(name).setLevel(level));
  }

  /**
   * Sets {@code name}'s level to {@code level} for {@code forHowLong} (more than 0, at most {@link
   * #MAX_FOR}), then back to what it was before the first change still in force; {@code by} is who
   * asked, for the log. Returns the change.
   */
  public synchronized Change change(String name, Level level, Duration forHowLong, String by) {
    Objects.requireNonNull(level, "level");
    if (forHowLong.isNegative() || forHowLong.isZero() || forHowLong.compareTo(MAX_FOR) > 0) {
      throw new IllegalArgumentException(
          "'for' must be more than 0 and at most 24h, like 15m (it is " + forHowLong + ")");
    }
    Logger logger = logger(LogLevelSpec.loggerName(name));
    Change previous = changes.get(logger.getName());
    Optional<Level> before =
        previous != null ? previous.before() : Optional.ofNullable(logger.getLevel());
    Change change =
        new Change(
            level, before, clock.instant().plus(forHowLong).truncatedTo(ChronoUnit.MILLIS), by);
    changes.put(logger.getName(), change);
    logger.setLevel(level);
    scheduler()
        .schedule(
            () -> revert(logger.getName(), change), forHowLong.toMillis(), TimeUnit.MILLISECONDS);
    LOG.log(
        System.Logger.Level.WARNING,
        "log level of {0} set to {1} until {2} by {3} (then {4})",
        shown(logger.getName()),
        LogLevelNames.name(level),
        change.until(),
        by,
        before.map(LogLevelNames::name).orElse("inherited"));
    return change;
  }

  /** Every logger with a level of its own, the root first ({@code ""}), then by name. */
  public synchronized List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    logger(""); // the root is always listed, set at start or not
    kept.forEach(
        (name, logger) -> {
          if (logger.getLevel() != null) {
            entries.add(new Entry(name, logger.getLevel(), Optional.ofNullable(changes.get(name))));
          }
        });
    return entries;
  }

  private synchronized void revert(String name, Change change) {
    if (changes.get(name) != change) {
      return; // a later change replaced it and reverts in its turn
    }
    changes.remove(name);
    logger(name).setLevel(change.before().orElse(null));
    LOG.log(
        System.Logger.Level.INFO,
        "log level of {0} back to {1} (the change by {2} ended)",
        shown(name),
        change.before().map(LogLevelNames::name).orElse("inherited"),
        change.by());
  }

  private static String shown(String name) {
    return name.isEmpty() ? "root" : name;
  }

  private Logger logger(String name) {
    return kept.computeIfAbsent(name, Logger::getLogger);
  }

  private ScheduledExecutorService scheduler() {
    if (reverter == null) {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1, Thread.ofPlatform().daemon().name("log-level-revert").factory());
      executor.setRemoveOnCancelPolicy(true);
      reverter = executor;
    }
    return reverter;
  }
}
