package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.VECTORS;
import static io.github.c4gh.cli.CliHarness.listing;
import static io.github.c4gh.cli.CliHarness.read;
import static io.github.c4gh.cli.CliHarness.run;
import static io.github.c4gh.cli.CliHarness.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the Python reference's MANIFEST.tsv, decrypted through the command line. */
class PythonVectorsTest {
  @TempDir Path dir;

  static Stream<Arguments> manifest() throws IOException {
    List<String> lines = Files.readAllLines(VECTORS.resolve("MANIFEST.tsv"));
    List<Arguments> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      // case file sk passphrase sender_pk expect plain_size plain_sha256 ...
      rows.add(Arguments.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7]));
    }
    return rows.stream();
  }

  @Test
  void manifestIsThere() throws IOException {
    assertTrue(manifest().count() >= 20, "the vector manifest should have its rows");
  }

  private static List<String> decryptArgs(String sk, String senderPk) {
    List<String> args = new ArrayList<>(List.of("decrypt", "--sk", VECTORS.resolve(sk).toString()));
    if (!senderPk.equals("-")) {
      args.add("--sender-pk");
      args.add(VECTORS.resolve(senderPk).toString());
    }
    return args;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifest")
  void decryptToFile(String name, String file, String sk, String passphrase, String senderPk, String expect, String size, String sha)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    if (!passphrase.equals("-")) {
      env.put("C4GH_PASSPHRASE", passphrase);
    }
    Path out = dir.resolve("plain.out");
    List<String> args = decryptArgs(sk, senderPk);
    args.addAll(List.of("--in", VECTORS.resolve(file).toString(), "--out", out.toString()));
    Result r = run(env, args.toArray(new String[0]));
    if (expect.equals("ok")) {
      r.ok();
      byte[] plain = read(out);
      assertEquals(Long.parseLong(size), plain.length);
      assertEquals(sha, sha256(plain));
    } else {
      String line = r.failedWithOneLine("decrypt");
      assertTrue(line.length() > "c4gh: decrypt: ".length() + 10, line);
      assertEquals(List.of(), listing(dir), "no output file and no temporary file may be left");
      assertEquals(0, r.stdout.length);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("manifest")
  void decryptStdinToStdout(String name, String file, String sk, String passphrase, String senderPk, String expect, String size, String sha) {
    Map<String, String> env = new HashMap<>();
    if (!passphrase.equals("-")) {
      env.put("C4GH_PASSPHRASE", passphrase);
    }
    Result r = run(env, read(VECTORS.resolve(file)), decryptArgs(sk, senderPk).toArray(new String[0]));
    if (expect.equals("ok")) {
      r.ok();
      assertEquals(sha, sha256(r.stdout));
    } else {
      r.failedWithOneLine("decrypt");
      if (name.equals("neg-tampered-data")) {
        // segment 0 authenticates and may be written; nothing of the tampered segment 1 is
        assertTrue(r.stdout.length <= 65_536, "bytes written: " + r.stdout.length);
      } else {
        assertEquals(0, r.stdout.length);
      }
    }
  }

  @Test
  void failureMessagesSayWhatWentWrong() {
    Map<String, String> alice = CliHarness.passphrase(CliHarness.ALICE_PASSPHRASE);
    String sec = VECTORS.resolve("keys/alice.sec").toString();
    assertEquals("c4gh: decrypt: segment 1 failed authentication: the file is corrupt or was tampered with",
        run(alice, "decrypt", "--sk", sec, "--in", VECTORS.resolve("enc/neg-tampered-data.alice.c4gh").toString())
            .failedWithOneLine("decrypt"));
    assertTrue(run(alice, "decrypt", "--sk", VECTORS.resolve("keys/carol.sec").toString(), "--in",
        VECTORS.resolve("enc/base.alice.c4gh").toString()).failedWithOneLine("decrypt").contains("not a recipient"));
    assertEquals("c4gh: decrypt: " + VECTORS.resolve("enc/neg-bad-magic.alice.c4gh")
            + ": not a Crypt4GH file: the magic bytes 'crypt4gh' are missing",
        run(alice, "decrypt", "--sk", sec, "--in", VECTORS.resolve("enc/neg-bad-magic.alice.c4gh").toString())
            .failedWithOneLine("decrypt"));
    assertEquals("c4gh: decrypt: the passphrase does not unlock " + sec,
        run(CliHarness.passphrase("not-it"), "decrypt", "--sk", sec, "--in", VECTORS.resolve("enc/size-1.alice.c4gh").toString())
            .failedWithOneLine("decrypt"));
    assertTrue(run(alice, "decrypt", "--sk", sec, "--sender-pk", VECTORS.resolve("keys/carol.pub").toString(), "--in",
        VECTORS.resolve("enc/sender-bob.alice.c4gh").toString()).failedWithOneLine("decrypt").contains("another sender"));
  }

  @Test
  void tamperedFileToStdoutReleasesOnlyAuthenticatedSegments() {
    byte[] plain = CliHarness.alicePlaintext("enc/base.alice.c4gh");
    Result r = run(CliHarness.passphrase(CliHarness.ALICE_PASSPHRASE), "decrypt", "--sk", VECTORS.resolve("keys/alice.sec").toString(),
        "--in", VECTORS.resolve("enc/neg-tampered-data.alice.c4gh").toString());
    r.failedWithOneLine("decrypt");
    assertTrue(r.stdout.length <= 65_536, "only segment 0 may have been written");
    assertEquals(sha256(java.util.Arrays.copyOf(plain, r.stdout.length)), sha256(r.stdout), "what was written is authentic plaintext");
  }

  @Test
  void debugShowsTheStackTrace() {
    Map<String, String> env = CliHarness.passphrase(CliHarness.ALICE_PASSPHRASE);
    env.put("C4GH_DEBUG", "1");
    Result r = run(env, "decrypt", "--sk", VECTORS.resolve("keys/alice.sec").toString(), "--in",
        VECTORS.resolve("enc/neg-tampered-data.alice.c4gh").toString());
    assertEquals(1, r.status);
    assertTrue(r.errLines().size() > 2, r.stderr);
    assertTrue(r.stderr.contains("SegmentAuthenticationException"), r.stderr);
  }
}
