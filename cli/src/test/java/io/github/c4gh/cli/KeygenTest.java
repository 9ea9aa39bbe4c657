package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.listing;
import static io.github.c4gh.cli.CliHarness.passphrase;
import static io.github.c4gh.cli.CliHarness.randomBytes;
import static io.github.c4gh.cli.CliHarness.read;
import static io.github.c4gh.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.FakeTerminal;
import io.github.c4gh.cli.CliHarness.Result;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeygenTest {
  private static final String PASS = "correct horse battery staple \u00e9";

  @TempDir Path dir;

  /** The {@code kdf_name} field of a {@code c4gh-v1} secret key file. */
  static String kdfName(Path secretKeyFile) {
    String text = new String(read(secretKeyFile), StandardCharsets.US_ASCII);
    String body = text.replaceAll("-----[^-]+-----", "").replaceAll("\\s", "");
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(body));
    byte[] magic = new byte[7];
    b.get(magic);
    assertEquals("c4gh-v1", new String(magic, StandardCharsets.US_ASCII));
    byte[] name = new byte[b.getShort() & 0xffff];
    b.get(name);
    return new String(name, StandardCharsets.US_ASCII);
  }

  @ParameterizedTest
  @ValueSource(strings = {"scrypt", "bcrypt", "pbkdf2_hmac_sha256", "default", "nocrypt"})
  void keygenThenRoundTrip(String kdf) throws Exception {
    Path sk = dir.resolve("k.sec");
    Path pk = dir.resolve("k.pub");
    Map<String, String> env = passphrase(PASS);
    Result r;
    if (kdf.equals("nocrypt")) {
      r = run(Map.of(), "keygen", "--sk", sk.toString(), "--pk", pk.toString(), "--nocrypt");
    } else if (kdf.equals("default")) {
      r = run(env, "keygen", "--sk", sk.toString(), "--pk", pk.toString(), "-C", "alice@example.org");
    } else {
      r = run(env, "keygen", "--sk", sk.toString(), "--pk", pk.toString(), "--kdf", kdf);
    }
    r.ok();
    assertEquals(0, r.stdout.length, "keygen prints nothing");
    String expectedKdf = kdf.equals("nocrypt") ? "none" : kdf.equals("default") ? "scrypt" : kdf;
    assertEquals(expectedKdf, kdfName(sk));
    String skText = Files.readString(sk);
    assertFalse(skText.contains(PASS));
    assertTrue(Files.readString(pk).startsWith("-----BEGIN CRYPT4GH PUBLIC KEY-----"));
    if (Files.getFileStore(sk).supportsFileAttributeView("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(sk);
      assertEquals(PosixFilePermissions.fromString("rw-------"), perms);
    }

    byte[] plain = randomBytes(100_000, 7);
    Path in = dir.resolve("plain");
    Files.write(in, plain);
    Path enc = dir.resolve("plain.c4gh");
    run("encrypt", "--recipient-pk", pk.toString(), "--in", in.toString(), "--out", enc.toString()).ok();
    Result d = run(kdf.equals("nocrypt") ? Map.of() : env, "decrypt", "--sk", sk.toString(), "--in", enc.toString()).ok();
    assertArrayEquals(plain, d.stdout);
    if (!kdf.equals("nocrypt")) {
      String line = run(passphrase("wrong"), "decrypt", "--sk", sk.toString(), "--in", enc.toString()).failedWithOneLine("decrypt");
      assertEquals("c4gh: decrypt: the passphrase does not unlock " + sk, line);
    }
  }

  @Test
  void nocryptKeyNeedsNoPassphraseEvenWithoutTerminal() {
    Path sk = dir.resolve("k.sec");
    run("keygen", "--sk", sk.toString(), "--pk", dir.resolve("k.pub").toString(), "--nocrypt").ok();
    // decrypting with it asks nothing: no C4GH_PASSPHRASE, no terminal
    Result r = run(Map.of(), "inspect", "--sk", sk.toString(), "--in", dir.resolve("k.pub").toString());
    assertEquals(1, r.status); // the public key file is not a Crypt4GH file; the key read itself succeeded
    assertTrue(r.stderr.contains("not a Crypt4GH file"), r.stderr);
  }

  @Test
  void promptsTwiceOnTheTerminal() {
    Path sk = dir.resolve("k.sec");
    FakeTerminal t = new FakeTerminal(PASS, PASS);
    run(Map.of(), null, t, "keygen", "--sk", sk.toString(), "--pk", dir.resolve("k.pub").toString()).ok();
    assertEquals(2, t.prompts.size());
    // reading the key prompts once, on the terminal, naming the file
    FakeTerminal t2 = new FakeTerminal(PASS);
    Path enc = dir.resolve("e.c4gh");
    run(Map.of(), new byte[] {1, 2, 3}, "encrypt", "--recipient-pk", dir.resolve("k.pub").toString(), "--out", enc.toString()).ok();
    Result d = run(Map.of(), null, t2, "decrypt", "--sk", sk.toString(), "--in", enc.toString()).ok();
    assertArrayEquals(new byte[] {1, 2, 3}, d.stdout);
    assertEquals(List.of("Passphrase for " + sk + ": "), t2.prompts);
  }

  @Test
  void mismatchedPassphrasesAreRefused() {
    FakeTerminal t = new FakeTerminal(PASS, PASS + "x");
    String line = run(Map.of(), null, t, "keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString())
        .failedWithOneLine("keygen");
    assertTrue(line.contains("do not match"), line);
    assertEquals(List.of(), listing(dir));
  }

  @Test
  void emptyPassphraseIsRefused() {
    String line = run(passphrase(""), "keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString())
        .failedWithOneLine("keygen");
    assertTrue(line.contains("empty passphrase is refused"), line);
    FakeTerminal t = new FakeTerminal("", "");
    line = run(Map.of(), null, t, "keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString())
        .failedWithOneLine("keygen");
    assertTrue(line.contains("empty passphrase is refused"), line);
    assertEquals(List.of(), listing(dir));
  }

  @Test
  void noTerminalAndNoVariableFailsClearly() {
    String line = run(Map.of(), "keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString())
        .failedWithOneLine("keygen");
    assertTrue(line.contains("C4GH_PASSPHRASE"), line);
    assertEquals(List.of(), listing(dir));

    // an encrypted key, read with neither
    run(passphrase(PASS), "keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString()).ok();
    line = run(Map.of(), new byte[0], "encrypt", "--recipient-pk", dir.resolve("k.pub").toString(), "--sk", dir.resolve("k.sec").toString())
        .failedWithOneLine("encrypt");
    assertEquals("c4gh: encrypt: " + dir.resolve("k.sec") + " is encrypted and there is no terminal to ask for its passphrase (standard input or output is redirected): set C4GH_PASSPHRASE", line);
  }

  @Test
  void refusesToOverwriteWithoutForce() throws Exception {
    Path sk = dir.resolve("k.sec");
    Path pk = dir.resolve("k.pub");
    run(passphrase(PASS), "keygen", "--sk", sk.toString(), "--pk", pk.toString()).ok();
    byte[] oldSk = read(sk);
    byte[] oldPk = read(pk);
    String line = run(passphrase(PASS), "keygen", "--sk", sk.toString(), "--pk", pk.toString()).failedWithOneLine("keygen");
    assertEquals("c4gh: keygen: " + sk + " already exists (use -f/--force to replace it)", line);
    assertArrayEquals(oldSk, read(sk));
    assertArrayEquals(oldPk, read(pk));

    // only the public key exists: still refused, and no secret key is written
    Path sk2 = dir.resolve("other.sec");
    run(passphrase(PASS), "keygen", "--sk", sk2.toString(), "--pk", pk.toString()).failedWithOneLine("keygen");
    assertFalse(Files.exists(sk2));

    run(passphrase(PASS), "keygen", "--sk", sk.toString(), "--pk", pk.toString(), "-f").ok();
    assertFalse(java.util.Arrays.equals(oldPk, read(pk)));
    assertEquals(List.of("k.pub", "k.sec"), listing(dir));
  }

  @Test
  void usageErrors() {
    Result r = run("keygen", "--sk", dir.resolve("k.sec").toString());
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("missing required option '--pk FILE'"), r.stderr);
    assertTrue(r.stderr.contains("usage: c4gh keygen"), r.stderr);
    r = run(passphrase(PASS), "keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString(), "--kdf", "md5");
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("unknown KDF 'md5'"), r.stderr);
    r = run("keygen", "--sk", dir.resolve("k.sec").toString(), "--pk", dir.resolve("k.pub").toString(), "--kdf", "bcrypt", "--nocrypt");
    assertEquals(2, r.status);
    r = run("keygen", "--sk", dir.resolve("k").toString(), "--pk", dir.resolve("k").toString(), "--nocrypt");
    assertEquals(2, r.status);
    assertEquals(List.of(), listing(dir));
  }
}
