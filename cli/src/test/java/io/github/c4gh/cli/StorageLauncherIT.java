package io.github.c4gh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.testing.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage commands through the launcher {@code bin/c4gh}, as a process with its own logging
 * (slf4j-simple as configured by the jar): the S3 client's info lines must not reach stderr, and a
 * failure is still exactly one line.
 */
class StorageLauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  private static final Path LAUNCHER = ROOT.resolve("bin/c4gh");

  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  @TempDir Path home;

  private record Outcome(int status, String stdout, String stderr) {}

  private Outcome c4gh(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(LAUNCHER.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("C4GH_") || k.equals("S3CMD_CONFIG"));
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    // a home of its own, and no EC2 instance metadata lookups by the AWS default credentials chain
    pb.environment().put("JAVA_OPTS", "-Duser.home=" + home + " -Daws.disableEc2Metadata=true");
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "c4gh did not finish");
    return new Outcome(p.exitValue(), new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8));
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

  private static Map<String, String> s3Env() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", S3.accessKey(),
        "AWS_SECRET_ACCESS_KEY", S3.secretKey(),
        "AWS_ENDPOINT_URL", S3.endpoint().toString());
  }

  @Test
  void mbAndLsPrintNoLogLines() throws Exception {
    Outcome mb = c4gh(s3Env(), "mb", "launcher-bucket");
    assertEquals(0, mb.status, mb.stderr);
    assertEquals("created bucket launcher-bucket\n", mb.stdout);
    assertEquals("", mb.stderr, "the client's info log lines stay off stderr");

    Outcome ls = c4gh(s3Env(), "ls");
    assertEquals(0, ls.status, ls.stderr);
    assertTrue(ls.stdout.endsWith("  launcher-bucket\n"), ls.stdout);
    assertEquals("", ls.stderr);
  }

  @Test
  void failuresAreOneLine() throws Exception {
    Outcome none = c4gh(Map.of(), "whoami");
    assertEquals(1, none.status);
    assertEquals(1, none.stderr.lines().count(), none.stderr);
    assertTrue(none.stderr.startsWith("c4gh: whoami: no S3 credentials found (profile 'default' from default). Looked at, in order: "),
        none.stderr);
    assertTrue(none.stderr.contains(home.resolve(".s3cfg") + ": no such file"), none.stderr);

    Outcome name = c4gh(s3Env(), "share", "launcher-bucket", "project_2000111", "--read-write");
    assertEquals(1, name.status);
    assertEquals("c4gh: share: project_2000111 is a project name; S3 needs the 32-hex project id (the Share ID in CSC's web "
        + "interface)\n", name.stderr);

    Outcome usage = c4gh(s3Env(), "share", "launcher-bucket", "c4c4000000000000000000000200022b");
    assertEquals(2, usage.status);
    assertTrue(usage.stderr.startsWith("c4gh: share: say what the project may do"), usage.stderr);
  }
}
