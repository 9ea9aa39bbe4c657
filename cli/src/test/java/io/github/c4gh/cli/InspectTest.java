package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.ALICE_PASSPHRASE;
import static io.github.c4gh.cli.CliHarness.passphrase;
import static io.github.c4gh.cli.CliHarness.read;
import static io.github.c4gh.cli.CliHarness.run;
import static io.github.c4gh.cli.CliHarness.v;
import static io.github.c4gh.cli.CliHarness.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.Result;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.DataEncryptionParameters;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.PassphraseSource;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InspectTest {
  private static final Map<String, String> ALICE = passphrase(ALICE_PASSPHRASE);

  @Test
  void layoutOfAFile() {
    String out = run("inspect", "--in", v("enc/base.alice.c4gh")).ok().out();
    assertTrue(out.contains("magic: crypt4gh, version 1"), out);
    assertTrue(out.contains("header packets: 1\n"), out);
    assertTrue(out.contains("packet 0: 108 bytes, encryption method 0 (X25519_chacha20_ietf_poly1305), writer public key "), out);
    assertTrue(out.contains("header size: 124 bytes"), out);
    assertTrue(out.contains("data section: 300140 bytes in 5 segments"), out);
    assertTrue(out.contains("300000 bytes of plaintext"), out);
    assertFalse(out.contains("secret key"), out);
  }

  @Test
  void layoutFromStdin() {
    String out = run(Map.of(), read(vector("enc/multi2.alice-bob.c4gh")), "inspect").ok().out();
    assertTrue(out.contains("header packets: 2\n"), out);
    assertTrue(out.contains("input: standard input"), out);
    assertTrue(out.contains("data section: not measured"), out);
  }

  @Test
  void withASecretKeyShowsTheEditListButNoDataKey() throws Exception {
    Result r = run(ALICE, "inspect", "--sk", v("keys/alice.sec"), "--in", v("enc/rearranged.alice.c4gh")).ok();
    String out = r.out();
    assertTrue(out.contains("header packets: 2\n"), out);
    assertTrue(out.contains("opened packets: 2 of 2"), out);
    assertTrue(out.contains("data keys: 1 (chacha20_ietf_poly1305)"), out);
    assertTrue(out.contains("edit list: [4464, 130000]"), out);
    assertTrue(out.contains("keeps 130000 bytes"), out);

    // neither the data key nor the secret key appears in any usual encoding
    Crypt4ghPrivateKey key = KeyFiles.readPrivateKey(vector("keys/alice.sec"), PassphraseSource.of(ALICE_PASSPHRASE.toCharArray()));
    Header h = Header.read(new ByteArrayInputStream(read(vector("enc/rearranged.alice.c4gh"))));
    for (DataEncryptionParameters p : h.decrypt(key).dataKeys()) {
      assertSecretAbsent(out, p.exportDataKey());
    }
    assertSecretAbsent(out, key.exportSecretBytes());
    assertFalse(out.contains(ALICE_PASSPHRASE));
  }

  @Test
  void withAKeyThatOpensNothing() {
    Result r = run(Map.of(), "inspect", "--sk", v("keys/carol.sec"), "--in", v("enc/base.alice.c4gh"));
    String line = r.failedWithOneLine("inspect");
    assertTrue(line.contains("not a recipient"), line);
    assertTrue(r.out().contains("header packets: 1"), r.out());
    assertTrue(r.out().contains("not opened by the key"), r.out());
  }

  @Test
  void notACrypt4ghFile() {
    String line = run("inspect", "--in", v("enc/neg-bad-magic.alice.c4gh")).failedWithOneLine("inspect");
    assertTrue(line.contains("not a Crypt4GH file"), line);
  }

  private static void assertSecretAbsent(String out, byte[] secret) {
    assertEquals(32, secret.length);
    assertFalse(out.contains(Base64.getEncoder().encodeToString(secret)));
    assertFalse(out.toLowerCase().contains(HexFormat.of().formatHex(secret)));
  }
}
