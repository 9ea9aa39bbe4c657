package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.AllasConfig;
import io.github.c4gh.allas.CannedAcl;
import io.github.c4gh.allas.PutOptions;
import io.github.c4gh.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage commands against a real Ceph RGW with two tenant projects, OWNER and PRODUCER, as
 * {@code scripts/ceph-rgw-start.sh} sets them up (tenant = uid = the 32-hex project id). Runs only
 * in the {@code ceph-it} profile, which is on when {@code C4GH_IT_ENDPOINT} is set; any other
 * missing {@code C4GH_IT_*} variable then fails the tests.
 */
class StorageRgwIT {
  static Project owner;
  static Project producer;
  static AllasClient ownerClient;
  static final List<String> BUCKETS = new ArrayList<>();

  @TempDir static Path home;

  /** One test project, with the environment that points c4gh at it. */
  record Project(String id, String name, String accessKey, String secretKey) {
    Map<String, String> env() {
      Map<String, String> env = new HashMap<>();
      env.put("AWS_ACCESS_KEY_ID", accessKey);
      env.put("AWS_SECRET_ACCESS_KEY", secretKey);
      env.put("AWS_ENDPOINT_URL", endpoint());
      return env;
    }

    Result c4gh(String... args) {
      return StorageRgwIT.c4gh(env(), args);
    }

    AllasClient client() {
      return AllasClient.create(AllasConfig.builder()
          .endpoint(endpoint())
          .credentials(accessKey, secretKey)
          .environment(Map.of())
          .homeDirectory(home)
          .awsDefaultCredentialsChain(false)
          .build());
    }
  }

  static String require(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: start the test RGW with scripts/ceph-rgw-start.sh and source the rgw.env it writes");
    }
    return v.strip();
  }

  static String endpoint() {
    return require("C4GH_IT_ENDPOINT");
  }

  static Project project(String which) {
    String p = "C4GH_IT_" + which + "_";
    return new Project(require(p + "ID"), require(p + "NAME"), require(p + "ACCESS_KEY"), require(p + "SECRET_KEY"));
  }

  @BeforeAll
  static void setUp() {
    owner = project("OWNER");
    producer = project("PRODUCER");
    ownerClient = owner.client();
  }

  @AfterAll
  static void tearDown() {
    if (ownerClient != null) {
      for (String b : BUCKETS) {
        if (ownerClient.bucketExists(b)) {
          ownerClient.deleteBucketAndAllObjects(b);
        }
      }
      ownerClient.close();
    }
  }

  static Result c4gh(Map<String, String> env, String... args) {
    Result r = CliHarness.runWithHome(env, home, args);
    for (Project p : new Project[] {owner, producer}) {
      assertFalse(r.out().contains(p.secretKey) || r.stderr.contains(p.secretKey), "a secret key was printed");
    }
    return r;
  }

  /** A bucket name unique to this run, deleted after the tests. */
  static String uniqueBucket(String what) {
    byte[] r = new byte[4];
    ThreadLocalRandom.current().nextBytes(r);
    String b = "c4gh-cli-it-" + what + "-" + HexFormat.of().formatHex(r);
    BUCKETS.add(b);
    return b;
  }

  @Test
  void whoamiPrintsEachProjectsId() {
    assertEquals(owner.id + "\n", owner.c4gh("whoami").ok().out());
    assertEquals(producer.id + "\n", producer.c4gh("whoami").ok().out());
  }

  @Test
  void makeSharedBucketThenRevoke() {
    String b = uniqueBucket("msb");
    assertEquals("created bucket " + b + "\n", owner.c4gh("mb", b).ok().out());
    String made = owner.c4gh("make-shared-bucket", b, producer.id, "--pk", v("keys/bob.pub")).ok().out();
    assertEquals("reused bucket " + b + "\n"
        + "shared " + b + " with project " + producer.id + " (read-write)\n"
        + "public key: " + b + "/crypt4gh.pub\n"
        + "lifecycle rule: incomplete multipart uploads are aborted after 7 days\n", made);
    assertEquals(producer.id + "  read-write\n", owner.c4gh("shares", b).ok().out());

    // the producer reaches the bucket in the owner's tenant, and can deliver into it
    String shared = owner.id + ":" + b;
    String listed = producer.c4gh("ls", shared).ok().out();
    assertTrue(listed.endsWith("  crypt4gh.pub\n"), listed);
    try (AllasClient p = producer.client()) {
      p.putObject(shared, "in/data.c4gh", "ciphertext".getBytes(StandardCharsets.US_ASCII),
          PutOptions.builder().cannedAcl(CannedAcl.BUCKET_OWNER_FULL_CONTROL).build());
    }
    List<String> lines = producer.c4gh("ls", "-r", shared).ok().out().lines().toList();
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).endsWith(" 10  in/data.c4gh"), lines.get(1));
    // without the tenant the name means a bucket of the producer's own tenant: there is none
    assertTrue(producer.c4gh("ls", b).failedWithOneLine("ls").contains("NoSuchBucket"));
    // the owner reads what the producer delivered
    assertTrue(owner.c4gh("ls", b + "/in/").ok().out().endsWith("  in/data.c4gh\n"));

    // lock the producer out
    String revoked = owner.c4gh("revoke", b, producer.id).ok().out();
    assertEquals("revoked project " + producer.id + " from " + b + " (locked out with an explicit Deny; 0 in-flight multipart "
        + "uploads aborted)\n", revoked);
    assertEquals(producer.id + "  locked-out\n", owner.c4gh("shares", b).ok().out());
    String line = producer.c4gh("ls", shared).failedWithOneLine("ls");
    assertTrue(line.contains("HTTP 403") && line.contains("AccessDenied"), line);
    line = producer.c4gh("rm", shared + "/in/data.c4gh").failedWithOneLine("rm");
    assertTrue(line.contains("HTTP 403"), line);

    // the owner still has everything, and deletes the delivery
    assertEquals("deleted " + b + "/in/data.c4gh\n", owner.c4gh("rm", b + "/in/data.c4gh").ok().out());
    assertFalse(ownerClient.objectExists(b, "in/data.c4gh"));
  }

  @Test
  void shareReadOrWriteAndRevokeWithoutDeny() {
    String b = uniqueBucket("share");
    owner.c4gh("mb", b).ok();
    assertEquals("shared " + b + " with project " + producer.id + " (read)\n", owner.c4gh("share", b, producer.id, "--read").ok().out());
    assertEquals(producer.id + "  read\n", owner.c4gh("shares", b).ok().out());
    assertEquals("", producer.c4gh("ls", owner.id + ":" + b).ok().out());

    // a new share replaces the old one
    owner.c4gh("share", "s3://" + b + "/", producer.id.toUpperCase(), "--write").ok();
    assertEquals(producer.id + "  write\n", owner.c4gh("shares", b).ok().out());
    assertTrue(producer.c4gh("ls", owner.id + ":" + b).failedWithOneLine("ls").contains("HTTP 403"), "write does not list");

    String revoked = owner.c4gh("revoke", b, producer.id, "--keep-read-of-own-objects", "--keep-uploads").ok().out();
    assertTrue(revoked.contains("(no Deny: it can still read the objects it uploaded; in-flight uploads left alone)"), revoked);
    assertEquals("", owner.c4gh("shares", b).ok().out(), "nothing left: the policy is gone");

    // names and the own id are refused
    assertEquals("c4gh: share: project_2000222 is a project name; S3 needs the 32-hex project id (the Share ID in CSC's web "
        + "interface)", owner.c4gh("share", b, producer.name, "--read").failedWithOneLine("share"));
    String line = owner.c4gh("share", b, owner.id, "--read").failedWithOneLine("share");
    assertTrue(line.contains("own project"), line);
    // only the owner changes the policy
    line = producer.c4gh("share", owner.id + ":" + b, owner.id, "--read").failedWithOneLine("share");
    assertTrue(line.contains("HTTP 403") || line.contains("AccessDenied"), line);
  }

  @Test
  void makeSharedBucketWithoutKeyAndProfilesFromTheCredentialsFile() throws IOException {
    Path aws = Files.createDirectories(home.resolve("profiles/.aws"));
    Files.writeString(aws.resolve("credentials"),
        "[owner]\naws_access_key_id = " + owner.accessKey + "\naws_secret_access_key = " + owner.secretKey + "\n\n"
            + "[producer]\naws_access_key_id = " + producer.accessKey + "\naws_secret_access_key = " + producer.secretKey + "\n");
    Map<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
    String b = uniqueBucket("nokey");
    String made = c4gh(env, "make-shared-bucket", b, producer.id, "--profile", "owner", "--endpoint", endpoint()).ok().out();
    assertEquals("created bucket " + b + "\n"
        + "shared " + b + " with project " + producer.id + " (read-write)\n"
        + "public key: none (no --pk)\n"
        + "lifecycle rule: incomplete multipart uploads are aborted after 7 days\n", made);
    assertEquals(producer.id + "\n", c4gh(env, "whoami", "--profile", "producer", "--endpoint", endpoint()).ok().out());
    assertEquals("", c4gh(env, "ls", owner.id + ":" + b, "--profile", "producer", "--endpoint", endpoint()).ok().out());
    assertTrue(c4gh(env, "ls", "--profile", "owner", "--endpoint", endpoint()).ok().out().contains("  " + b + "\n"));
  }
}
