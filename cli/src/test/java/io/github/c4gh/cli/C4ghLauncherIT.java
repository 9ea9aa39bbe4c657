package io.github.c4gh.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the launcher {@code bin/c4gh} as a process, against the packaged jar (failsafe, after {@code package}). */
class C4ghLauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  private static final Path LAUNCHER = ROOT.resolve("bin/c4gh");

  @TempDir Path dir;

  private static final class Outcome {
    final int status;
    final byte[] stdout;
    final String stderr;

    Outcome(int status, byte[] stdout, String stderr) {
      this.status = status;
      this.stdout = stdout;
      this.stderr = stderr;
    }
  }

  private Outcome c4gh(Map<String, String> env, byte[] stdin, Path launcher, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(launcher.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("C4GH_PASSPHRASE");
    pb.environment().remove("JAVA_OPTS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    } catch (IOException e) {
      // a command may stop reading standard input early and exit (decrypt --range needs only the
      // first segments): the rest of the input then meets a broken pipe, which is no failure
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "c4gh did not finish");
    return new Outcome(p.exitValue(), out.get(), new String(err.get(), StandardCharsets.UTF_8));
  }

  private static byte[] readAll(InputStream in) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      in.transferTo(b);
      return b.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void version() throws Exception {
    assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " must be executable");
    Outcome o = c4gh(Map.of(), null, LAUNCHER, "--version");
    assertEquals(0, o.status, o.stderr);
    assertEquals("c4gh " + Main.version() + "\n", new String(o.stdout, StandardCharsets.UTF_8));
    assertEquals("", o.stderr, "the jar is packaged already, so nothing is built");
  }

  @Test
  void keygenEncryptDecryptWithFiles() throws Exception {
    Map<String, String> pass = Map.of("C4GH_PASSPHRASE", "it-passphrase");
    Outcome k = c4gh(pass, null, LAUNCHER, "keygen", "--sk", "me.sec", "--pk", "me.pub", "-C", "it");
    assertEquals(0, k.status, k.stderr);
    byte[] plain = new byte[200_000];
    new Random(42).nextBytes(plain);
    Files.write(dir.resolve("data.bin"), plain);

    Outcome e = c4gh(Map.of(), null, LAUNCHER, "encrypt", "--recipient-pk", "me.pub", "--in", "data.bin", "--out", "data.c4gh");
    assertEquals(0, e.status, e.stderr);
    Outcome d = c4gh(pass, null, LAUNCHER, "decrypt", "--sk", "me.sec", "--in", "data.c4gh", "--out", "data.out");
    assertEquals(0, d.status, d.stderr);
    assertArrayEquals(plain, Files.readAllBytes(dir.resolve("data.out")));

    // stdin to stdout, and a range
    Outcome r = c4gh(pass, Files.readAllBytes(dir.resolve("data.c4gh")), LAUNCHER, "decrypt", "--sk", "me.sec", "--range", "65000-70000");
    assertEquals(0, r.status, r.stderr);
    assertArrayEquals(java.util.Arrays.copyOfRange(plain, 65_000, 70_000), r.stdout);

    // a failure: exit 1, one line, no stack trace
    Outcome f = c4gh(Map.of("C4GH_PASSPHRASE", "wrong"), null, LAUNCHER, "decrypt", "--sk", "me.sec", "--in", "data.c4gh");
    assertEquals(1, f.status);
    assertEquals("c4gh: decrypt: the passphrase does not unlock me.sec\n", f.stderr);

    // a usage error: exit 2
    Outcome u = c4gh(Map.of(), null, LAUNCHER, "decrypt", "--nope");
    assertEquals(2, u.status);
  }

  @Test
  void launcherFollowsSymlinks() throws Exception {
    Path link = dir.resolve("linked-c4gh");
    Files.createSymbolicLink(link, LAUNCHER);
    try {
      Outcome o = c4gh(Map.of(), null, link, "--version");
      assertEquals(0, o.status, o.stderr);
      assertTrue(new String(o.stdout, StandardCharsets.UTF_8).startsWith("c4gh "));
    } finally {
      Files.delete(link);
    }
  }
}
