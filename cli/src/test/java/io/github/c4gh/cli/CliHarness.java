package io.github.c4gh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.internal.Terminal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs {@code c4gh} in-process with captured streams, an injected environment and no terminal. */
final class CliHarness {
  /** The Python reference vectors of the core module. */
  static final Path VECTORS = Path.of(System.getProperty("basedir", "."))
      .resolve("../crypt4gh-core/src/test/resources/vectors/crypt4gh-python").toAbsolutePath().normalize();
  static final String ALICE_PASSPHRASE = "H8koGN3lzkke";
  static final String BOB_PASSPHRASE = "bob-7Yq2-Passw0rd";

  private CliHarness() {}

  /** What one run produced. */
  static final class Result {
    final int status;
    final byte[] stdout;
    final String stderr;

    Result(int status, byte[] stdout, String stderr) {
      this.status = status;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    List<String> errLines() {
      return stderr.lines().collect(Collectors.toList());
    }

    /** Asserts exit 0 with nothing on stderr. */
    Result ok() {
      assertEquals(0, status, () -> "exit status; stderr: " + stderr);
      assertEquals("", stderr, "stderr of a successful run");
      return this;
    }

    /** Asserts exit 2 (a usage error) and returns the first stderr line. */
    String usageError() {
      assertEquals(2, status, () -> "exit status; stderr: " + stderr);
      return errLines().get(0);
    }

    /** Asserts exit 1 with exactly one line on stderr, which starts with {@code c4gh: COMMAND: }; returns the line. */
    String failedWithOneLine(String command) {
      assertEquals(1, status, () -> "exit status; stderr: " + stderr);
      List<String> lines = errLines();
      assertEquals(1, lines.size(), () -> "one stderr line expected, got: " + stderr);
      assertTrue(lines.get(0).startsWith("c4gh: " + command + ": "), lines.get(0));
      return lines.get(0);
    }
  }

  static Result run(Map<String, String> env, byte[] stdin, Terminal terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status = Main.run(args, new ByteArrayInputStream(stdin == null ? new byte[0] : stdin), o, e, env, terminal);
    o.flush();
    e.flush();
    return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs with {@code home} as the home directory (where S3 configuration files are looked for). */
  static Result runWithHome(Map<String, String> env, Path home, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status = Main.run(args, new ByteArrayInputStream(new byte[0]), o, e, env, null, home);
    o.flush();
    e.flush();
    return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs with {@code home} as the home directory and {@code stdin} as standard input. */
  static Result runWithStdin(Map<String, String> env, Path home, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status = Main.run(args, new ByteArrayInputStream(stdin), o, e, env, null, home);
    o.flush();
    e.flush();
    return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  static Result run(Map<String, String> env, byte[] stdin, String... args) {
    return run(env, stdin, null, args);
  }

  static Result run(Map<String, String> env, String... args) {
    return run(env, null, null, args);
  }

  static Result run(String... args) {
    return run(Map.of(), null, null, args);
  }

  static Map<String, String> passphrase(String p) {
    Map<String, String> env = new HashMap<>();
    env.put("C4GH_PASSPHRASE", p);
    return env;
  }

  /** A terminal that answers prompts from a queue and records them. */
  static final class FakeTerminal implements Terminal {
    final Deque<String> answers;
    final java.util.List<String> prompts = new java.util.ArrayList<>();

    FakeTerminal(String... answers) {
      this.answers = new ArrayDeque<>(Arrays.asList(answers));
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      String a = answers.poll();
      return a == null ? null : a.toCharArray();
    }
  }

  static Path vector(String relative) {
    return VECTORS.resolve(relative);
  }

  static String v(String relative) {
    return vector(relative).toString();
  }

  static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names in {@code dir}, sorted (to check no temporary file is left behind). */
  static List<String> listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The plaintext of a vector file, decrypted by the CLI and checked against the manifest. */
  static byte[] alicePlaintext(String encFile) {
    Result r = run(passphrase(ALICE_PASSPHRASE), "decrypt", "--sk", v("keys/alice.sec"), "--in", v(encFile)).ok();
    return r.stdout;
  }
}
