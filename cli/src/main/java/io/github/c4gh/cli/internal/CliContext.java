package io.github.c4gh.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What a command may touch of the outside world: standard streams, environment variables, the
 * terminal and the home directory (where the storage commands look for {@code ~/.aws/credentials},
 * {@code ~/.aws/config} and {@code ~/.s3cfg}). Commands read these from here and never from {@link
 * System}, so tests can run them in-process with their own streams, environment and home.
 */
public final class CliContext {
  /** Environment variable with the passphrase of secret key files (and of new keys for keygen). */
  public static final String PASSPHRASE_ENV = "C4GH_PASSPHRASE";
  /** Environment variable that, when {@code 1}, adds stack traces to error messages. */
  public static final String DEBUG_ENV = "C4GH_DEBUG";

  private final InputStream stdin;
  private final PrintStream stdout;
  private final PrintStream stderr;
  private final Map<String, String> env;
  private final Terminal terminal;
  private final Path home;
  private final boolean stderrIsTerminal;

  /**
   * A context whose home directory is the {@code user.home} system property.
   *
   * @param terminal where to prompt for passphrases, or null when there is no terminal
   */
  public CliContext(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, Terminal terminal) {
    this(stdin, stdout, stderr, env, terminal, Path.of(System.getProperty("user.home", ".")));
  }

  /**
   * @param terminal where to prompt for passphrases, or null when there is no terminal
   * @param home the home directory the storage commands read S3 configuration files from
   */
  public CliContext(InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, Terminal terminal, Path home) {
    this(stdin, stdout, stderr, env, terminal, home, false);
  }

  /**
   * @param terminal where to prompt for passphrases, or null when there is no terminal
   * @param home the home directory the storage commands read S3 configuration files from
   * @param stderrIsTerminal whether {@code stderr} is a terminal (the transfer commands then show progress)
   */
  public CliContext(
      InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, Terminal terminal, Path home,
      boolean stderrIsTerminal) {
    this.stdin = Objects.requireNonNull(stdin, "stdin");
    this.stdout = Objects.requireNonNull(stdout, "stdout");
    this.stderr = Objects.requireNonNull(stderr, "stderr");
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.terminal = terminal;
    this.home = Objects.requireNonNull(home, "home");
    this.stderrIsTerminal = stderrIsTerminal;
  }

  /** Standard input (binary). */
  public InputStream stdin() {
    return stdin;
  }

  /** Standard output (binary data or text). */
  public PrintStream stdout() {
    return stdout;
  }

  /** Standard error (messages). */
  public PrintStream stderr() {
    return stderr;
  }

  /** An environment variable, or null. */
  public String env(String name) {
    return env.get(name);
  }

  /** Every environment variable (immutable). */
  public Map<String, String> environment() {
    return env;
  }

  /** The home directory ({@code ~/.aws/credentials}, {@code ~/.s3cfg} are read below it). */
  public Path home() {
    return home;
  }

  /** The terminal to prompt on, or null when there is none. */
  public Terminal terminal() {
    return terminal;
  }

  /** Whether standard error is a terminal: progress bars are drawn only then. */
  public boolean stderrIsTerminal() {
    return stderrIsTerminal;
  }

  /** Whether {@code C4GH_DEBUG=1}: failures then also print their stack trace. */
  public boolean debug() {
    return isTrue(env.get(DEBUG_ENV));
  }

  /** Whether an environment variable's value means yes: {@code 1}, {@code true} or {@code yes}. */
  public static boolean isTrue(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
  }
}
