package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.cli.CliHarness.Result;
import io.github.c4gh.cli.internal.Cli;
import io.github.c4gh.cli.internal.CliContext;
import io.github.c4gh.cli.internal.CommandRegistry;
import io.github.c4gh.crypt4gh.Header;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code put}, {@code get} and {@code rekey} through {@code Main.run} against S3Proxy. */
class TransferCommandsTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final Pattern STORED = Pattern.compile("stored (\\S+)  (\\d+) bytes \\((\\d+) plaintext, (\\d+) parts?\\)  ETag (\\S+)\n");
  static final AtomicInteger COUNTER = new AtomicInteger();
  static AllasClient client;

  @TempDir Path home;
  @TempDir Path dir;

  @BeforeAll
  static void open() {
    client = S3.newClient();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static Map<String, String> env(String passphrase) {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", S3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", S3.secretKey());
    env.put("AWS_ENDPOINT_URL", S3.endpoint().toString());
    if (passphrase != null) {
      env.put("C4GH_PASSPHRASE", passphrase);
    }
    return env;
  }

  Result c4gh(String... args) {
    return c4gh(env(CliHarness.ALICE_PASSPHRASE), args);
  }

  Result c4gh(Map<String, String> env, String... args) {
    return CliHarness.runWithHome(env, home, args);
  }

  static String newBucket() {
    String b = "cli-transfer-" + COUNTER.incrementAndGet();
    assertTrue(client.createBucket(b));
    return b;
  }

  Path file(String name, byte[] data) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, data);
    return p;
  }

  /** Checks the line put prints and returns its matcher. */
  static Matcher stored(Result r, String where, long plaintext) {
    Matcher m = STORED.matcher(r.out());
    assertTrue(m.matches(), r.out());
    assertEquals(where, m.group(1));
    assertEquals(plaintext, Long.parseLong(m.group(3)));
    return m;
  }

  byte[] get(String where) {
    return c4gh("get", where, "--sk", v("keys/alice.sec")).ok().stdout;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65536, 65537, 11 * 1024 * 1024 + 123})
  void putThenGetRoundTrips(int size) throws IOException {
    String b = newBucket();
    byte[] data = CliHarness.randomBytes(size, size);
    Path in = file("data", data);
    Result r = c4gh("put", in.toString(), b + "/obj.c4gh", "--recipient-pk", v("keys/alice.pub"), "--part-size", "5M", "--threads", "2").ok();
    Matcher m = stored(r, b + "/obj.c4gh", size);
    long objectBytes = Long.parseLong(m.group(2));
    assertEquals(client.headObject(b, "obj.c4gh").size(), objectBytes);
    if (size > 10 * 1024 * 1024) {
      assertEquals("3", m.group(4), "5 MiB parts");
    }
    assertArrayEquals(data, get(b + "/obj.c4gh"));

    // --out: atomic, no temporary files left
    Path out = dir.resolve("copy");
    assertEquals("", c4gh("get", b + "/obj.c4gh", "--sk", v("keys/alice.sec"), "--out", out.toString()).ok().out());
    assertArrayEquals(data, Files.readAllBytes(out));
    assertEquals(List.of("copy", "data"), CliHarness.listing(dir));
  }

  @Test
  void putFromStandardInput() {
    String b = newBucket();
    byte[] data = CliHarness.randomBytes(200_000, 7);
    Result r = CliHarness.runWithStdin(env(null), home, data, "put", "-", b + "/stdin.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    stored(r, b + "/stdin.c4gh", data.length);
    assertArrayEquals(data, get(b + "/stdin.c4gh"));
  }

  @Test
  void cscAddsSecondRecipient() throws IOException {
    String b = newBucket();
    Path in = file("data", CliHarness.randomBytes(1000, 1));
    c4gh("put", in.toString(), b + "/csc.c4gh", "--recipient-pk", v("keys/alice.pub"), "--csc").ok();
    Header h = Header.read(new ByteArrayInputStream(client.getObjectBytes(b, "csc.c4gh")));
    assertEquals(2, h.packets().size());
    c4gh("put", in.toString(), b + "/one.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    assertEquals(1, Header.read(new ByteArrayInputStream(client.getObjectBytes(b, "one.c4gh"))).packets().size());
  }

  @Test
  void putRefusesToOverwriteWithoutOption() throws IOException {
    String b = newBucket();
    byte[] first = CliHarness.randomBytes(100, 1);
    byte[] second = CliHarness.randomBytes(200, 2);
    c4gh("put", file("a", first).toString(), b + "/x.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    String line = c4gh("put", file("b", second).toString(), b + "/x.c4gh", "--recipient-pk", v("keys/alice.pub")).failedWithOneLine("put");
    assertEquals("c4gh: put: " + b + "/x.c4gh already exists (use --overwrite to replace it)", line);
    assertArrayEquals(first, get(b + "/x.c4gh"));
    c4gh("put", dir.resolve("b").toString(), b + "/x.c4gh", "--recipient-pk", v("keys/alice.pub"), "--overwrite").ok();
    assertArrayEquals(second, get(b + "/x.c4gh"));
  }

  @Test
  void getRangeEqualsThePlaintextSlice() throws IOException {
    String b = newBucket();
    byte[] data = CliHarness.randomBytes(300_000, 3);
    c4gh("put", file("data", data).toString(), b + "/r.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    long[][] ranges = {{0, 0}, {0, 1}, {65535, 65537}, {100_000, 250_000}, {299_999, 300_000}, {290_000, 400_000}, {400_000, 500_000}};
    for (long[] range : ranges) {
      Result r = c4gh("get", b + "/r.c4gh", "--sk", v("keys/alice.sec"), "--range", range[0] + "-" + range[1]).ok();
      int from = (int) Math.min(range[0], data.length);
      int to = (int) Math.min(range[1], data.length);
      assertArrayEquals(Arrays.copyOfRange(data, from, to), r.stdout, range[0] + "-" + range[1]);
    }
    Result open = c4gh("get", b + "/r.c4gh", "--sk", v("keys/alice.sec"), "--range", "299000-").ok();
    assertArrayEquals(Arrays.copyOfRange(data, 299_000, data.length), open.stdout);
    assertTrue(c4gh("get", b + "/r.c4gh", "--sk", v("keys/alice.sec"), "--range", "5-1").usageError().contains("END is before START"));
  }

  @Test
  void getWithWrongKeyFailsAndLeavesNoFile() throws IOException {
    String b = newBucket();
    c4gh("put", file("data", CliHarness.randomBytes(100_000, 4)).toString(), b + "/w.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    Path outDir = Files.createDirectory(dir.resolve("out"));
    for (String range : new String[] {null, "10-20"}) {
      List<String> args = new java.util.ArrayList<>(List.of("get", b + "/w.c4gh", "--sk", v("keys/bob.sec"), "--out", outDir.resolve("w").toString()));
      if (range != null) {
        args.add("--range");
        args.add(range);
      }
      String line = c4gh(env(CliHarness.BOB_PASSPHRASE), args.toArray(new String[0])).failedWithOneLine("get");
      assertTrue(line.contains(b + "/w.c4gh: ") && line.contains("not a recipient"), line);
      assertEquals(List.of(), CliHarness.listing(outDir));
    }
    String line = c4gh("get", b + "/missing.c4gh", "--sk", v("keys/alice.sec"), "--out", outDir.resolve("m").toString()).failedWithOneLine("get");
    assertTrue(line.contains("missing.c4gh"), line);
    assertEquals(List.of(), CliHarness.listing(outDir));
  }

  @Test
  void rekeyThenGetWithTheNewKey() throws IOException {
    String b = newBucket();
    byte[] data = CliHarness.randomBytes(7 * 1024 * 1024, 5);
    c4gh("put", file("data", data).toString(), b + "/k.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    Result r = c4gh("rekey", b + "/k.c4gh", "--sk", v("keys/alice.sec"), "--recipient-pk", v("keys/bob.pub")).ok();
    List<String> lines = r.out().lines().collect(java.util.stream.Collectors.toList());
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("rekeyed " + b + "/k.c4gh  "), lines.get(0));
    assertTrue(lines.get(1).matches("header \\d+ -> \\d+ bytes; received \\d+ bytes, sent \\d+ bytes, copied on the server \\d+ bytes.*"),
        lines.get(1));
    assertArrayEquals(data, c4gh(env(CliHarness.BOB_PASSPHRASE), "get", b + "/k.c4gh", "--sk", v("keys/bob.sec")).ok().stdout);
    // alice's packet was replaced by bob's
    assertTrue(c4gh("get", b + "/k.c4gh", "--sk", v("keys/alice.sec")).failedWithOneLine("get").contains("not a recipient"));
    // bob re-keys for both: alice can read again
    c4gh(env(CliHarness.BOB_PASSPHRASE), "rekey", b + "/k.c4gh", "--sk", v("keys/bob.sec"),
        "--recipient-pk", v("keys/bob.pub"), "--recipient-pk", v("keys/alice.pub"), "--trim").ok();
    assertArrayEquals(data, get(b + "/k.c4gh"));
    String line = c4gh("rekey", b + "/missing.c4gh", "--sk", v("keys/alice.sec"), "--recipient-pk", v("keys/bob.pub")).failedWithOneLine("rekey");
    assertTrue(line.contains("missing.c4gh"), line);
  }

  @Test
  void senderKeyIsChecked() throws IOException {
    String b = newBucket();
    byte[] data = CliHarness.randomBytes(1000, 6);
    c4gh("put", file("data", data).toString(), b + "/s.c4gh", "--recipient-pk", v("keys/alice.pub"), "--sk", v("keys/alice.sec")).ok();
    assertArrayEquals(data, c4gh("get", b + "/s.c4gh", "--sk", v("keys/alice.sec"), "--sender-pk", v("keys/alice.pub")).ok().stdout);
    c4gh("get", b + "/s.c4gh", "--sk", v("keys/alice.sec"), "--sender-pk", v("keys/bob.pub")).failedWithOneLine("get");
  }

  @Test
  void usageAndArgumentErrors() throws IOException {
    String b = newBucket();
    Path in = file("data", new byte[10]);
    String pk = v("keys/alice.pub");
    assertTrue(c4gh("put", in.toString(), b, "--recipient-pk", pk).usageError().contains("give BUCKET/KEY"));
    assertTrue(c4gh("put", in.toString(), b + "/k", "--recipient-pk", pk, "--part-size", "4M").usageError().contains("5 MiB to 5 GiB"));
    assertTrue(c4gh("put", in.toString(), b + "/k", "--recipient-pk", pk, "--part-size", "lots").usageError().contains("invalid size"));
    assertTrue(c4gh("put", in.toString(), b + "/k", "--recipient-pk", pk, "--threads", "0").usageError().contains("--threads"));
    assertTrue(c4gh("put", in.toString(), b + "/k").usageError().contains("recipient-pk"));
    String line = c4gh("put", dir.resolve("nope").toString(), b + "/k", "--recipient-pk", pk).failedWithOneLine("put");
    assertTrue(line.endsWith("nope: no such file"), line);
    // 64MiB and bytes are accepted
    c4gh("put", in.toString(), b + "/k1", "--recipient-pk", pk, "--part-size", "64MiB").ok();
    c4gh("put", in.toString(), b + "/k2", "--recipient-pk", pk, "--part-size", "5242880").ok();
    assertFalse(client.objectExists(b, "k"));
  }

  @Test
  void progressOnlyWhenStderrIsATerminal() throws IOException {
    String b = newBucket();
    Path in = file("data", CliHarness.randomBytes(6 * 1024 * 1024, 8));
    // not a terminal: nothing on stderr (ok() checks)
    c4gh("put", in.toString(), b + "/p.c4gh", "--recipient-pk", v("keys/alice.pub")).ok();
    c4gh("get", b + "/p.c4gh", "--sk", v("keys/alice.sec")).ok();
    // a terminal: a bar drawn with \r and erased
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env(null), null, home, true);
    int status = new Cli(CommandRegistry.standard(), context, "test")
        .run(new String[] {"put", in.toString(), b + "/q.c4gh", "--recipient-pk", v("keys/alice.pub")});
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, e);
    assertTrue(e.startsWith("\rput " + b + "/q.c4gh ") && e.endsWith("\r"), e);
    assertTrue(e.strip().isEmpty() || e.contains("100%"), e);
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("stored "));
  }
}
