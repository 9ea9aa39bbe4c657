package io.github.c4gh.cli;

import io.github.c4gh.cli.internal.Cli;
import io.github.c4gh.cli.internal.CliContext;
import io.github.c4gh.cli.internal.CommandRegistry;
import io.github.c4gh.cli.internal.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code c4gh} command line tool: Crypt4GH key generation, encryption, decryption,
 * re-encryption, rearrangement and inspection, and storage commands for CSC Allas (buckets,
 * listings, deletion, sharing buckets between projects).
 *
 * <pre>{@code
 * c4gh keygen --sk alice.sec --pk alice.pub
 * c4gh encrypt --recipient-pk alice.pub --in data.bam --out data.bam.c4gh
 * C4GH_PASSPHRASE=... c4gh decrypt --sk alice.sec --in data.bam.c4gh --range 0-65536 > head.bam
 * c4gh mb my-inbox-2024
 * c4gh make-shared-bucket my-inbox-2024 0123456789abcdef0123456789abcdef --pk alice.pub
 * c4gh ls my-inbox-2024/runs/
 * }</pre>
 *
 * <p>{@link #run} runs one command in-process with the given streams and environment and returns
 * its exit status, so the tool can be driven from tests and other programs.
 */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    if (CliContext.isTrue(System.getenv(CliContext.DEBUG_ENV))) {
      // the process's own logging (slf4j-simple, warnings only by default): show the S3 client's debug lines too
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    int status = run(args, System.in, System.out, System.err, System.getenv());
    System.exit(status);
  }

  /**
   * Runs one command line with these standard streams and environment variables (passphrases may
   * come from {@code C4GH_PASSPHRASE} in {@code env}, S3 settings from {@code AWS_*} variables in
   * {@code env} and files below the {@code user.home} directory; prompts use the process's console,
   * if any).
   *
   * @return the exit status: 0 success, 1 failure (one line on {@code stderr}), 2 usage error
   */
  public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env) {
    Path home = Path.of(System.getProperty("user.home", "."));
    boolean progress = stderr == System.err && Terminal.stderrIsTerminal();
    CliContext context = new CliContext(stdin, stdout, stderr, env, Terminal.system(), home, progress);
    return new Cli(CommandRegistry.standard(), context, version()).run(args);
  }

  /** As {@link #run(String[], InputStream, PrintStream, PrintStream, Map)}, prompting on {@code terminal} (may be null). */
  static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, Terminal terminal) {
    return run(args, stdin, stdout, stderr, env, terminal, Path.of(System.getProperty("user.home", ".")));
  }

  /** As {@link #run(String[], InputStream, PrintStream, PrintStream, Map, Terminal)}, with {@code home} instead of {@code user.home}. */
  static int run(
      String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr, Map<String, String> env, Terminal terminal, Path home) {
    CliContext context = new CliContext(stdin, stdout, stderr, env, terminal, home);
    return new Cli(CommandRegistry.standard(), context, version()).run(args);
  }

  /** The version of this tool, from the build. */
  public static String version() {
    try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.isBlank() && !v.startsWith("${")) {
          return v.strip();
        }
      }
    } catch (IOException e) {
      // fall through to the manifest
    }
    String v = Main.class.getPackage().getImplementationVersion();
    return v != null ? v : "(unknown version)";
  }
}
