package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.ConfigFile;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Setting;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the commands need from the outside world, passed in so tests run them in-process: the
 * environment, how to start nodes and open clients, the raw standard streams (for file bytes; text
 * goes through picocli's writers) and whether stdout is a terminal. One context serves one command
 * line: it also holds the {@code --master} value, which may be given at any level.
 */
public final class CliContext {
  private final Map<String, String> env;
  private final NodeLauncher launcher;
  private final Function<ClientConfig, FileSystemUseCase> clients;
  private final ShutdownSignal shutdown;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final boolean interactive;
  private String masterFlag;
  private String apiKeyFileFlag;

  public CliContext(
      Map<String, String> env,
      NodeLauncher launcher,
      Function<ClientConfig, FileSystemUseCase> clients,
      ShutdownSignal shutdown,
      InputStream stdin,
      OutputStream stdout,
      boolean interactive) {
    this.env = Map.copyOf(env);
    this.launcher = Objects.requireNonNull(launcher, "launcher");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.interactive = interactive;
  }

  /** The real process: its environment, standard streams and a JVM shutdown hook. */
  public static CliContext forProcess(
      NodeLauncher launcher, Function<ClientConfig, FileSystemUseCase> clients) {
    return new CliContext(
        System.getenv(),
        launcher,
        clients,
        new JvmShutdownSignal(),
        System.in,
        System.out,
        Terminal.isInteractive());
  }

  /** The environment this command line runs with (blank values included). */
  Map<String, String> env() {
    return env;
  }

  ConfigLoader config() {
    return new ConfigLoader(env);
  }

  /**
   * The one way every command reads its settings: flags (given to the loader), environment, {@code
   * file}.
   */
  ConfigLoader config(ConfigFile file) {
    return new ConfigLoader(env, file);
  }

  boolean debug() {
    return !env.getOrDefault("GODFS_DEBUG", "").isBlank();
  }

  NodeLauncher launcher() {
    return launcher;
  }

  ShutdownSignal shutdown() {
    return shutdown;
  }

  InputStream stdin() {
    return stdin;
  }

  OutputStream stdout() {
    return stdout;
  }

  /** Whether stdout is a terminal, so progress may be drawn on stderr. */
  boolean interactive() {
    return interactive;
  }

  void masterFlag(String address) {
    this.masterFlag = address;
  }

  /** The {@code --master} given at any level of this command line, or null. */
  String masterFlag() {
    return masterFlag;
  }

  void apiKeyFileFlag(String path) {
    this.apiKeyFileFlag = path;
  }

  /** The {@code --api-key-file} given at any level of this command line, or null. */
  String apiKeyFileFlag() {
    return apiKeyFileFlag;
  }

  ClientConfig clientConfig() {
    Map<Setting, String> flags = new HashMap<>();
    flags.put(Setting.MASTER, masterFlag);
    flags.put(Setting.CLIENT_API_KEY_FILE, apiKeyFileFlag);
    return config().client(flags);
  }

  FileSystemUseCase connect(ClientConfig config) {
    return clients.apply(config);
  }
}
