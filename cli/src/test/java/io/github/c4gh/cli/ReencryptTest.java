package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.ALICE_PASSPHRASE;
import static io.github.c4gh.cli.CliHarness.BOB_PASSPHRASE;
import static io.github.c4gh.cli.CliHarness.passphrase;
import static io.github.c4gh.cli.CliHarness.read;
import static io.github.c4gh.cli.CliHarness.run;
import static io.github.c4gh.cli.CliHarness.v;
import static io.github.c4gh.cli.CliHarness.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.Result;
import io.github.c4gh.crypt4gh.Header;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReencryptTest {
  private static final Map<String, String> ALICE = passphrase(ALICE_PASSPHRASE);
  private static final Map<String, String> BOB = passphrase(BOB_PASSPHRASE);
  private static final String MULTI = "enc/multi2.alice-bob.c4gh"; // for alice and bob

  @TempDir Path dir;

  private static Header header(byte[] file) throws Exception {
    return Header.read(new ByteArrayInputStream(file));
  }

  @Test
  void withoutTrimTheOtherRecipientKeepsAccess() throws Exception {
    byte[] plain = CliHarness.alicePlaintext(MULTI);
    Path out = dir.resolve("for-carol.c4gh");
    run(BOB, "reencrypt", "--sk", v("keys/bob.sec"), "--recipient-pk", v("keys/carol.pub"), "--in", v(MULTI), "--out", out.toString()).ok();
    byte[] file = read(out);
    assertEquals(2, header(file).packets().size(), "carol's new packet and alice's old one");
    // the data section is untouched
    byte[] original = read(vector(MULTI));
    long oldHeader = header(original).encodedLength();
    long newHeader = header(file).encodedLength();
    assertArrayEquals(Arrays.copyOfRange(original, (int) oldHeader, original.length), Arrays.copyOfRange(file, (int) newHeader, file.length));

    assertArrayEquals(plain, run(Map.of(), "decrypt", "--sk", v("keys/carol.sec"), "--in", out.toString()).ok().stdout);
    assertArrayEquals(plain, run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", out.toString()).ok().stdout);
    // bob's own packet was replaced by carol's
    run(BOB, "decrypt", "--sk", v("keys/bob.sec"), "--in", out.toString()).failedWithOneLine("decrypt");
  }

  @Test
  void withTrimOnlyTheNewRecipientsRemain() throws Exception {
    byte[] plain = CliHarness.alicePlaintext(MULTI);
    Result r = run(BOB, read(vector(MULTI)), "reencrypt", "--sk", v("keys/bob.sec"), "--recipient-pk", v("keys/carol.pub"), "--trim").ok();
    assertEquals(1, header(r.stdout).packets().size());
    assertArrayEquals(plain, run(Map.of(), r.stdout, "decrypt", "--sk", v("keys/carol.sec")).ok().stdout);
    String line = run(ALICE, r.stdout, "decrypt", "--sk", v("keys/alice.sec")).failedWithOneLine("decrypt");
    assertTrue(line.contains("not a recipient"), line);
  }

  @Test
  void severalNewRecipientsIncludingOneself() {
    byte[] plain = CliHarness.alicePlaintext("enc/size-65537.alice.c4gh");
    Result r = run(ALICE, read(vector("enc/size-65537.alice.c4gh")), "reencrypt", "--sk", v("keys/alice.sec"),
        "--recipient-pk", v("keys/alice.pub"), "--recipient-pk", v("keys/bob.pub"), "--trim").ok();
    assertArrayEquals(plain, run(ALICE, r.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok().stdout);
    assertArrayEquals(plain, run(BOB, r.stdout, "decrypt", "--sk", v("keys/bob.sec")).ok().stdout);
  }

  @Test
  void aKeyThatOpensNothingFailsWithoutOutput() {
    Path out = dir.resolve("x.c4gh");
    String line = run(Map.of(), "reencrypt", "--sk", v("keys/carol.sec"), "--recipient-pk", v("keys/carol.pub"), "--in", v(MULTI),
        "--out", out.toString()).failedWithOneLine("reencrypt");
    assertTrue(line.contains("not a recipient"), line);
    assertEquals(0, CliHarness.listing(dir).size());
    assertTrue(Files.notExists(out));
  }
}
