package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.cli.CliHarness.Result;
import io.github.c4gh.cli.StorageRgwIT.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code put}, {@code get} and {@code rekey} against a real Ceph RGW (the {@code ceph-it} profile;
 * see {@link StorageRgwIT}): a multipart put of 12 MiB in 5 MiB parts, a whole and a ranged get, and
 * a server-side re-key read back with the new key.
 */
class TransferRgwIT {
  static Project owner;
  static AllasClient client;
  static String bucket;

  @TempDir static Path home;
  @TempDir Path dir;

  @BeforeAll
  static void setUp() {
    owner = StorageRgwIT.project("OWNER");
    client = AllasClient.create(io.github.c4gh.allas.AllasConfig.builder()
        .endpoint(StorageRgwIT.endpoint())
        .credentials(owner.accessKey(), owner.secretKey())
        .environment(Map.of())
        .homeDirectory(home)
        .awsDefaultCredentialsChain(false)
        .build());
    bucket = "c4gh-cli-it-transfer-" + Long.toHexString(System.nanoTime());
    assertTrue(client.createBucket(bucket));
  }

  @AfterAll
  static void tearDown() {
    if (client != null) {
      if (client.bucketExists(bucket)) {
        client.deleteBucketAndAllObjects(bucket);
      }
      client.close();
    }
  }

  static Result c4gh(String passphrase, String... args) {
    Map<String, String> env = owner.env();
    env.put("C4GH_PASSPHRASE", passphrase);
    Result r = CliHarness.runWithHome(env, home, args);
    assertTrue(!r.out().contains(owner.secretKey()) && !r.stderr.contains(owner.secretKey()), "the secret key was printed");
    return r;
  }

  @Test
  void multipartPutGetRangeAndRekey() throws IOException {
    byte[] data = CliHarness.randomBytes(12 * 1024 * 1024, 12);
    Path in = dir.resolve("data");
    Files.write(in, data);
    String where = bucket + "/run/data.c4gh";
    String alice = CliHarness.ALICE_PASSPHRASE;

    Result put = c4gh(alice, "put", in.toString(), where, "--recipient-pk", v("keys/alice.pub"), "--part-size", "5M").ok();
    assertTrue(put.out().startsWith("stored " + where + "  ") && put.out().contains("(12582912 plaintext, 3 parts)"), put.out());
    String refused = c4gh(alice, "put", in.toString(), where, "--recipient-pk", v("keys/alice.pub")).failedWithOneLine("put");
    assertTrue(refused.contains("already exists"), refused);

    assertArrayEquals(data, c4gh(alice, "get", where, "--sk", v("keys/alice.sec")).ok().stdout);
    Path out = dir.resolve("out");
    c4gh(alice, "get", where, "--sk", v("keys/alice.sec"), "--out", out.toString()).ok();
    assertArrayEquals(data, Files.readAllBytes(out));
    Result range = c4gh(alice, "get", where, "--sk", v("keys/alice.sec"), "--range", "5000000-7000001").ok();
    assertArrayEquals(Arrays.copyOfRange(data, 5_000_000, 7_000_001), range.stdout);

    Result rekey = c4gh(alice, "rekey", where, "--sk", v("keys/alice.sec"), "--recipient-pk", v("keys/bob.pub")).ok();
    List<String> lines = rekey.out().lines().collect(Collectors.toList());
    assertEquals(2, lines.size(), rekey.out());
    assertTrue(lines.get(1).matches("header \\d+ -> \\d+ bytes; received \\d+ bytes, sent \\d+ bytes, copied on the server [1-9]\\d* bytes"),
        lines.get(1));
    assertArrayEquals(data, c4gh(CliHarness.BOB_PASSPHRASE, "get", where, "--sk", v("keys/bob.sec")).ok().stdout);
    Result bobRange = c4gh(CliHarness.BOB_PASSPHRASE, "get", where, "--sk", v("keys/bob.sec"), "--range", "12000000-").ok();
    assertArrayEquals(Arrays.copyOfRange(data, 12_000_000, data.length), bobRange.stdout);
    assertTrue(c4gh(alice, "get", where, "--sk", v("keys/alice.sec")).failedWithOneLine("get").contains("not a recipient"));
  }
}
