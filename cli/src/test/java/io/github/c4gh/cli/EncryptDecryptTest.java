package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.ALICE_PASSPHRASE;
import static io.github.c4gh.cli.CliHarness.BOB_PASSPHRASE;
import static io.github.c4gh.cli.CliHarness.listing;
import static io.github.c4gh.cli.CliHarness.passphrase;
import static io.github.c4gh.cli.CliHarness.randomBytes;
import static io.github.c4gh.cli.CliHarness.read;
import static io.github.c4gh.cli.CliHarness.run;
import static io.github.c4gh.cli.CliHarness.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.Result;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EncryptDecryptTest {
  @TempDir Path dir;

  private static final Map<String, String> ALICE = passphrase(ALICE_PASSPHRASE);

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 200_000})
  void roundTripThroughFiles(int size) throws Exception {
    byte[] plain = randomBytes(size, size);
    Path in = dir.resolve("p");
    Files.write(in, plain);
    Path enc = dir.resolve("p.c4gh");
    Path back = dir.resolve("p.back");
    run("encrypt", "--recipient-pk", v("keys/alice.pub"), "--in", in.toString(), "--out", enc.toString()).ok();
    assertEquals(Header.SINGLE_RECIPIENT_LENGTH + SegmentLayout.ciphertextSize(size), Files.size(enc));
    run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", enc.toString(), "--out", back.toString()).ok();
    assertArrayEquals(plain, read(back));
    assertEquals(List.of("p", "p.back", "p.c4gh"), listing(dir));
  }

  @Test
  void stdinToStdout() {
    byte[] plain = randomBytes(150_000, 1);
    Result enc = run(Map.of(), plain, "encrypt", "--recipient-pk", v("keys/alice.pub")).ok();
    assertEquals(Header.SINGLE_RECIPIENT_LENGTH + SegmentLayout.ciphertextSize(plain.length), enc.stdout.length);
    Result dec = run(ALICE, enc.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok();
    assertArrayEquals(plain, dec.stdout);
  }

  @Test
  void twoRecipientsEachDecrypt() throws Exception {
    byte[] plain = randomBytes(70_000, 2);
    Result enc = run(Map.of(), plain, "encrypt", "--recipient-pk", v("keys/alice.pub"), "--recipient-pk", v("keys/bob.pub")).ok();
    Header h = Header.read(new ByteArrayInputStream(enc.stdout));
    assertEquals(2, h.packets().size());
    assertArrayEquals(plain, run(ALICE, enc.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok().stdout);
    assertArrayEquals(plain, run(passphrase(BOB_PASSPHRASE), enc.stdout, "decrypt", "--sk", v("keys/bob.sec")).ok().stdout);
    assertTrue(run(Map.of(), enc.stdout, "decrypt", "--sk", v("keys/carol.sec")).failedWithOneLine("decrypt").contains("not a recipient"));
  }

  @Test
  void sshEd25519RecipientAndSecretKey() {
    byte[] plain = randomBytes(1000, 3);
    Result enc = run(Map.of(), plain, "encrypt", "--recipient-pk", v("keys/grace_ssh.pub")).ok();
    assertArrayEquals(plain, run(Map.of(), enc.stdout, "decrypt", "--sk", v("keys/grace_ssh.sec")).ok().stdout);
  }

  @Test
  void senderCheck() {
    byte[] plain = randomBytes(5000, 4);
    Result enc = run(passphrase(BOB_PASSPHRASE), plain, "encrypt", "--recipient-pk", v("keys/alice.pub"), "--sk", v("keys/bob.sec")).ok();
    // every packet is written by bob
    assertArrayEquals(plain, run(ALICE, enc.stdout, "decrypt", "--sk", v("keys/alice.sec"), "--sender-pk", v("keys/bob.pub")).ok().stdout);
    String line = run(ALICE, enc.stdout, "decrypt", "--sk", v("keys/alice.sec"), "--sender-pk", v("keys/carol.pub")).failedWithOneLine("decrypt");
    assertTrue(line.contains("another sender"), line);
    // without --sk the writer is ephemeral, so a sender check fails
    Result anon = run(Map.of(), plain, "encrypt", "--recipient-pk", v("keys/alice.pub")).ok();
    run(ALICE, anon.stdout, "decrypt", "--sk", v("keys/alice.sec"), "--sender-pk", v("keys/bob.pub")).failedWithOneLine("decrypt");
  }

  @ParameterizedTest
  @CsvSource({"0,0", "0,1", "1000,140000", "65536,131072", "65535,65537", "199999,200000", "150000,999999", "300000,400000"})
  void encryptRange(long start, long end) throws Exception {
    byte[] plain = randomBytes(200_000, 5);
    byte[] slice = Arrays.copyOfRange(plain, (int) Math.min(start, plain.length), (int) Math.min(end, plain.length));
    String range = start + "-" + end;
    // from stdin
    Result enc = run(Map.of(), plain, "encrypt", "--recipient-pk", v("keys/alice.pub"), "--range", range).ok();
    assertArrayEquals(slice, run(ALICE, enc.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok().stdout);
    // from a file (seeks)
    Path in = dir.resolve("p");
    Files.write(in, plain);
    Path enc2 = dir.resolve("p.c4gh");
    run("encrypt", "--recipient-pk", v("keys/alice.pub"), "--range", range, "--in", in.toString(), "--out", enc2.toString()).ok();
    assertArrayEquals(slice, run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", enc2.toString()).ok().stdout);
  }

  @Test
  void openEndedRange() {
    byte[] plain = randomBytes(100_000, 6);
    Result enc = run(Map.of(), plain, "encrypt", "--recipient-pk", v("keys/alice.pub"), "--range", "70000-").ok();
    assertArrayEquals(Arrays.copyOfRange(plain, 70_000, plain.length), run(ALICE, enc.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok().stdout);
  }

  @Test
  void refusesToOverwriteAndForceReplaces() throws Exception {
    Path out = dir.resolve("out.c4gh");
    Files.writeString(out, "precious");
    String line = run(Map.of(), new byte[10], "encrypt", "--recipient-pk", v("keys/alice.pub"), "--out", out.toString())
        .failedWithOneLine("encrypt");
    assertEquals("c4gh: encrypt: " + out + " already exists (use -f/--force to replace it)", line);
    assertEquals("precious", Files.readString(out));
    assertEquals(List.of("out.c4gh"), listing(dir));

    run(Map.of(), new byte[10], "encrypt", "--recipient-pk", v("keys/alice.pub"), "--out", out.toString(), "-f").ok();
    assertArrayEquals(new byte[10], run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", out.toString()).ok().stdout);

    Path plain = dir.resolve("plain");
    Files.writeString(plain, "precious too");
    line = run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", out.toString(), "--out", plain.toString()).failedWithOneLine("decrypt");
    assertTrue(line.endsWith("already exists (use -f/--force to replace it)"), line);
    assertEquals("precious too", Files.readString(plain));
    run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", out.toString(), "--out", plain.toString(), "--force").ok();
    assertArrayEquals(new byte[10], read(plain));
    assertEquals(List.of("out.c4gh", "plain"), listing(dir));
  }

  @Test
  void failedDecryptLeavesNoFileAndKeepsTheOldOneWithForce() throws Exception {
    Path out = dir.resolve("plain");
    Result r = run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", v("enc/neg-tampered-data.alice.c4gh"), "--out", out.toString());
    assertTrue(r.failedWithOneLine("decrypt").contains("segment 1 failed authentication"));
    assertEquals(List.of(), listing(dir));
    Files.writeString(out, "old");
    run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", v("enc/neg-tampered-data.alice.c4gh"), "--out", out.toString(), "-f")
        .failedWithOneLine("decrypt");
    assertEquals("old", Files.readString(out));
    assertEquals(List.of("plain"), listing(dir));
  }

  @Test
  void inputAndOutputMayBeTheSameFileWithForce() throws Exception {
    byte[] plain = randomBytes(80_000, 8);
    Path f = dir.resolve("f");
    Files.write(f, plain);
    run("encrypt", "--recipient-pk", v("keys/alice.pub"), "--in", f.toString(), "--out", f.toString(), "-f").ok();
    assertArrayEquals(plain, run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", f.toString()).ok().stdout);
  }

  @Test
  void missingFilesAndDirectories() {
    String line = run("encrypt", "--recipient-pk", dir.resolve("nope.pub").toString()).failedWithOneLine("encrypt");
    assertEquals("c4gh: encrypt: cannot read the key file " + dir.resolve("nope.pub") + ": no such file", line);
    line = run("encrypt", "--recipient-pk", v("keys/alice.pub"), "--in", dir.resolve("nope").toString()).failedWithOneLine("encrypt");
    assertEquals("c4gh: encrypt: cannot read " + dir.resolve("nope") + ": no such file", line);
    line = run(Map.of(), new byte[1], "encrypt", "--recipient-pk", v("keys/alice.pub"), "--out", dir.resolve("no/such/dir/x").toString())
        .failedWithOneLine("encrypt");
    assertTrue(line.contains("does not exist"), line);
    line = run(Map.of(), new byte[1], "encrypt", "--recipient-pk", v("keys/alice.pub"), "--out", dir.toString()).failedWithOneLine("encrypt");
    assertTrue(line.contains("is a directory"), line);
    line = run("encrypt", "--recipient-pk", v("keys/alice.sec")).failedWithOneLine("encrypt");
    assertTrue(line.startsWith("c4gh: encrypt: " + v("keys/alice.sec")), line);
    assertFalse(line.contains(ALICE_PASSPHRASE));
  }

  @Test
  void badRangesAreUsageErrors() {
    for (String bad : new String[] {"5-3", "abc", "-5", "5", "1-2-3", "0x10-20", " 1-2", "99999999999999999999-1"}) {
      Result r = run(Map.of(), new byte[0], "encrypt", "--recipient-pk", v("keys/alice.pub"), "--range", bad);
      assertEquals(2, r.status, bad);
      assertTrue(r.stderr.startsWith("c4gh: encrypt: invalid range"), r.stderr);
      assertTrue(r.stderr.contains("usage: c4gh encrypt"), r.stderr);
      assertEquals(0, r.stdout.length);
    }
  }
}
