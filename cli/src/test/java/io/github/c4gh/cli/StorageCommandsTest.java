package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.PutOptions;
import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The storage commands through {@code Main.run} against an in-process S3 server (S3Proxy), with an
 * injected environment and a temporary home directory. S3Proxy has no bucket policies: sharing is
 * tested here only up to the server's 501 (and the checks before any request); the Ceph RGW IT
 * covers the rest.
 */
class StorageCommandsTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String PROJECT = "c4c4000000000000000000000200022b";
  static final String PROJECT_NAME_LINE =
      "project_2000111 is a project name; S3 needs the 32-hex project id (the Share ID in CSC's web interface)";
  static final Pattern TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  static final AtomicInteger COUNTER = new AtomicInteger();
  static AllasClient client;

  @TempDir Path home;

  @BeforeAll
  static void open() {
    client = S3.newClient();
  }

  @AfterAll
  static void close() {
    client.close();
  }

  /** The keys and endpoint of the S3Proxy, as environment variables. */
  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", S3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", S3.secretKey());
    env.put("AWS_ENDPOINT_URL", S3.endpoint().toString());
    return env;
  }

  Result c4gh(String... args) {
    return c4gh(env(), args);
  }

  Result c4gh(Map<String, String> env, String... args) {
    Result r = CliHarness.runWithHome(env, home, args);
    assertFalse(r.out().contains(S3.secretKey()) || r.stderr.contains(S3.secretKey()), "the secret key was printed");
    return r;
  }

  static String newBucketName() {
    return "cli-test-" + COUNTER.incrementAndGet();
  }

  static String newBucket() {
    String b = newBucketName();
    assertTrue(client.createBucket(b));
    return b;
  }

  static void put(String bucket, String key, int size) {
    client.putObject(bucket, key, new byte[size], PutOptions.defaults());
  }

  // ---------------------------------------------------------------------------------------------
  // mb, ls buckets

  @Test
  void mbCreatesAndLsListsBuckets() {
    String b = newBucketName();
    assertEquals("created bucket " + b + "\n", c4gh("mb", b).ok().out());
    assertTrue(client.bucketExists(b));
    assertEquals("bucket " + b + " exists already and is this project's\n", c4gh("mb", b).ok().out());

    List<String> lines = c4gh("ls").ok().out().lines().collect(Collectors.toList());
    String line = lines.stream().filter(l -> l.endsWith("  " + b)).findFirst().orElseThrow(() -> new AssertionError(lines));
    assertTrue(TIME.matcher(line.substring(0, 20)).matches(), line);
    // s3:// and a trailing slash are accepted
    String b2 = newBucketName();
    assertEquals("created bucket " + b2 + "\n", c4gh("mb", "s3://" + b2 + "/").ok().out());
  }

  @Test
  void invalidBucketNames() {
    String line = c4gh("mb", "Upper_Case").failedWithOneLine("mb");
    assertTrue(line.contains("invalid bucket name 'Upper_Case'"), line);
    line = c4gh("mb", "ab").failedWithOneLine("mb");
    assertTrue(line.contains("invalid bucket name 'ab': it must be 3-63 characters long"), line);
    line = c4gh("mb", "-starts-with-dash").usageError(); // taken for an option
    assertTrue(line.contains("unknown option"), line);
    line = c4gh("mb", "--", "-starts-with-dash").failedWithOneLine("mb");
    assertTrue(line.contains("must start and end with a letter or digit"), line);
    line = c4gh("mb", "bucket/key").usageError();
    assertEquals("c4gh: mb: BUCKET 'bucket/key' names an object or prefix; give the bucket alone", line);
    assertEquals("c4gh: ls: BUCKET[/PREFIX] '/x' has no bucket name", c4gh("ls", "/x").usageError());
  }

  // ---------------------------------------------------------------------------------------------
  // ls keys

  @Test
  void lsKeysWithDelimiterPrefixAndRecursive() {
    String b = newBucket();
    put(b, "a.txt", 3);
    put(b, "dir/b.txt", 10);
    put(b, "dir/sub/c.txt", 0);
    put(b, "dir2/d", 70_000);

    List<String> top = lines(c4gh("ls", b).ok());
    assertEquals(3, top.size(), top.toString());
    assertObjectLine(top.get(0), 3, "a.txt");
    assertDirLine(top.get(1), "dir/");
    assertDirLine(top.get(2), "dir2/");

    List<String> dir = lines(c4gh("ls", b + "/dir/").ok());
    assertEquals(2, dir.size(), dir.toString());
    assertObjectLine(dir.get(0), 10, "dir/b.txt");
    assertDirLine(dir.get(1), "dir/sub/");

    // a prefix without a trailing slash matches dir/ and dir2/
    List<String> partial = lines(c4gh("ls", "s3://" + b + "/dir").ok());
    assertEquals(2, partial.size(), partial.toString());
    assertDirLine(partial.get(0), "dir/");
    assertDirLine(partial.get(1), "dir2/");

    List<String> all = lines(c4gh("ls", "--recursive", b).ok());
    assertEquals(4, all.size(), all.toString());
    assertObjectLine(all.get(0), 3, "a.txt");
    assertObjectLine(all.get(1), 10, "dir/b.txt");
    assertObjectLine(all.get(2), 0, "dir/sub/c.txt");
    assertObjectLine(all.get(3), 70_000, "dir2/d");

    List<String> below = lines(c4gh("ls", "-r", b + "/dir/").ok());
    assertEquals(2, below.size(), below.toString());
    assertObjectLine(below.get(1), 0, "dir/sub/c.txt");

    assertEquals("", c4gh("ls", b + "/nothing-here/").ok().out());
    assertEquals("", c4gh("ls", newBucket()).ok().out());
  }

  @Test
  void lsPagesThroughMoreThan1000Keys() throws Exception {
    String b = newBucket();
    int n = 1_003;
    for (int i = 0; i < n; i++) {
      String key = String.format("many/k%05d", i);
      client.s3().putObject(r -> r.bucket(b).key(key), RequestBody.fromBytes(new byte[1]));
    }
    put(b, "z-last", 2);
    List<String> flat = lines(c4gh("ls", "-r", b).ok());
    assertEquals(n + 1, flat.size());
    assertObjectLine(flat.get(0), 1, "many/k00000");
    assertObjectLine(flat.get(n - 1), 1, String.format("many/k%05d", n - 1));
    assertObjectLine(flat.get(n), 2, "z-last");
    List<String> dirs = lines(c4gh("ls", b).ok());
    assertEquals(2, dirs.size(), dirs.toString());
    assertDirLine(dirs.get(0), "many/");
  }

  @Test
  void lsFailures() {
    String line = c4gh("ls", "no-such-bucket-here").failedWithOneLine("ls");
    assertTrue(line.contains("NoSuchBucket"), line);
    assertEquals("c4gh: ls: -r/--recursive lists a bucket: give BUCKET", c4gh("ls", "-r").usageError());
    assertTrue(c4gh("ls", "a", "b").usageError().contains("unexpected extra argument 'b'"));
  }

  @Test
  void keysWithControlCharactersStayOnOneLine() {
    String b = newBucket();
    put(b, "evil\nkey", 1);
    List<String> out = lines(c4gh("ls", b).ok());
    assertEquals(1, out.size(), out.toString());
    assertTrue(out.get(0).endsWith("  evil\\x0akey"), out.get(0));
  }

  // ---------------------------------------------------------------------------------------------
  // rm

  @Test
  void rmDeletesOneObject() {
    String b = newBucket();
    put(b, "dir/x.c4gh", 5);
    put(b, "dir/y.c4gh", 5);
    assertEquals("deleted " + b + "/dir/x.c4gh\n", c4gh("rm", b + "/dir/x.c4gh").ok().out());
    assertFalse(client.objectExists(b, "dir/x.c4gh"));
    assertTrue(client.objectExists(b, "dir/y.c4gh"));

    String line = c4gh("rm", b + "/dir/x.c4gh").failedWithOneLine("rm");
    assertEquals("c4gh: rm: " + b + "/dir/x.c4gh: no such object (use -f/--force to ignore)", line);
    assertEquals("deleted " + b + "/dir/x.c4gh\n", c4gh("rm", "-f", b + "/dir/x.c4gh").ok().out());

    assertEquals("c4gh: rm: give BUCKET/KEY: rm deletes one object, not a bucket", c4gh("rm", b).usageError());
    assertEquals("c4gh: rm: give BUCKET/KEY: rm deletes one object, not a bucket", c4gh("rm", b + "/").usageError());
    assertTrue(client.bucketExists(b));
  }

  // ---------------------------------------------------------------------------------------------
  // whoami

  @Test
  void whoamiPrintsTheOwnerId() {
    String owner = client.s3().listBuckets().owner().id();
    // S3Proxy reports a fixed 64-hex canonical user id (no tenant, so no '$' part)
    assertTrue(owner.matches("[0-9a-f]{64}"), owner);
    assertEquals(owner + "\n", c4gh("whoami").ok().out());

    String verbose = c4gh("whoami", "-v").ok().out();
    assertEquals("project id: " + owner + "\nendpoint: " + S3.endpoint() + "\nkeys from: environment AWS_ACCESS_KEY_ID\n", verbose);
    assertFalse(verbose.contains(S3.accessKey().substring(4)), "not even the access key id is needed");
  }

  // ---------------------------------------------------------------------------------------------
  // sharing: S3Proxy has no bucket policies

  @Test
  void projectNamesAreRefusedBeforeAnyRequest() {
    // no credentials, no endpoint: the argument is checked first
    Map<String, String> none = Map.of();
    assertEquals("c4gh: share: " + PROJECT_NAME_LINE, c4gh(none, "share", "some-bucket", "project_2000111", "--read").failedWithOneLine("share"));
    assertEquals("c4gh: revoke: " + PROJECT_NAME_LINE, c4gh(none, "revoke", "some-bucket", "project_2000111").failedWithOneLine("revoke"));
    String b = newBucketName();
    assertEquals(
        "c4gh: make-shared-bucket: " + PROJECT_NAME_LINE,
        c4gh("make-shared-bucket", b, "project_2000111", "--pk", v("keys/bob.pub")).failedWithOneLine("make-shared-bucket"));
    assertFalse(client.bucketExists(b), "nothing was created");

    String line = c4gh(none, "share", "some-bucket", "1234", "--write").failedWithOneLine("share");
    assertEquals("c4gh: share: '1234' is not a project id; S3 needs the 32-hex project id (the Share ID in CSC's web interface)", line);

    // a secret key file given as --pk is refused before anything is created
    line = c4gh("make-shared-bucket", b, PROJECT, "--pk", v("keys/bob.sec")).failedWithOneLine("make-shared-bucket");
    assertTrue(line.contains("keys/bob.sec"), line);
    assertFalse(client.bucketExists(b), "nothing was created");
  }

  @Test
  void sharingOnAServerWithoutBucketPolicies() {
    String b = newBucket();
    for (String[] args : List.of(
        new String[] {"share", b, PROJECT, "--read"},
        new String[] {"share", b, PROJECT.toUpperCase(), "--read-write"},
        new String[] {"revoke", b, PROJECT},
        new String[] {"revoke", b, PROJECT, "--keep-uploads"},
        new String[] {"make-shared-bucket", newBucketName(), PROJECT, "--pk", v("keys/bob.pub")},
        new String[] {"make-shared-bucket", newBucketName(), PROJECT})) {
      String line = c4gh(args).failedWithOneLine(args[0]);
      assertTrue(line.contains("bucket policies are not supported by this server (PutBucketPolicy ")
          || line.contains("bucket policies are not supported by this server (GetBucketPolicy "), line);
      assertTrue(line.endsWith("HTTP 501 NotImplemented); sharing between projects needs Allas or another Ceph RGW"), line);
    }
    // Reading works: S3Proxy answers GetBucketPolicy with NoSuchPolicy, so the bucket is shared with
    // nobody, and a revoke without a Deny has nothing to write
    assertEquals("", c4gh("shares", b).ok().out());
    assertEquals("revoked project " + PROJECT + " from " + b + " (no Deny: it can still read the objects it uploaded; "
        + "in-flight uploads left alone)\n", c4gh("revoke", b, PROJECT, "--keep-read-of-own-objects", "--keep-uploads").ok().out());
    assertTrue(c4gh("shares", "no-such-bucket-here").failedWithOneLine("shares").contains("NoSuchBucket"));
  }

  @Test
  void shareNeedsExactlyOneAccess() {
    assertEquals("c4gh: share: say what the project may do: --read, --write or --read-write",
        c4gh("share", "b", PROJECT).usageError());
    assertEquals("c4gh: share: --read and --write exclude each other (use --read-write for both)",
        c4gh("share", "b", PROJECT, "--read", "--write").usageError());
    assertTrue(c4gh("share", "b").usageError().contains("missing argument PROJECT_ID"));
    assertTrue(c4gh("revoke", "b", PROJECT, "--read").usageError().contains("unknown option '--read'"));
  }

  // ---------------------------------------------------------------------------------------------
  // connection: credentials, endpoint, profile

  @Test
  void missingCredentialsSayWhereCredentialsWereLookedFor() {
    Result r = c4gh(Map.of("AWS_ENDPOINT_URL", S3.endpoint().toString()), "ls");
    String line = r.failedWithOneLine("ls");
    assertTrue(line.startsWith("c4gh: ls: no S3 credentials found (profile 'default' from default). Looked at, in order: "), line);
    assertTrue(line.contains("environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY: not set; "), line);
    assertTrue(line.contains(home.resolve(".aws/credentials") + ": no such file; "), line);
    assertTrue(line.contains(home.resolve(".aws/config") + ": no such file; "), line);
    assertTrue(line.contains(home.resolve(".s3cfg") + ": no such file; "), line);
    assertTrue(line.contains("AWS default credentials chain"), line);
    assertTrue(line.contains(". Run CSC's allas-conf"), line);
  }

  @Test
  void endpointOption() {
    Map<String, String> env = env();
    env.put("AWS_ENDPOINT_URL", "http://127.0.0.1:9"); // nothing listens there
    String owner = client.projectId();
    assertEquals(owner + "\n", c4gh(env, "whoami", "--endpoint", S3.endpoint().toString()).ok().out());
    assertEquals(owner + "\n", c4gh(env, "whoami", "--endpoint=" + S3.endpoint() + "/").ok().out());

    String line = c4gh(env, "whoami").failedWithOneLine("whoami");
    assertTrue(line.startsWith("c4gh: whoami: cannot reach http://127.0.0.1:9: "), line);

    env.put("AWS_ENDPOINT_URL", "ftp://example.org");
    line = c4gh(env, "whoami").failedWithOneLine("whoami");
    assertTrue(line.startsWith("c4gh: whoami: invalid S3 endpoint 'ftp://example.org' in environment AWS_ENDPOINT_URL: "), line);

    assertTrue(c4gh("ls", "--endpoint", "ftp://example.org").usageError()
        .startsWith("c4gh: ls: option '--endpoint': the endpoint must be an http or https URI"));
    assertTrue(c4gh("ls", "--endpoint", "https://a3s.fi/some/path").usageError().contains("must not have a path"));
  }

  @Test
  void profileOption() throws IOException {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(aws.resolve("credentials"),
        "[default]\naws_access_key_id = WRONGKEY\naws_secret_access_key = wrong-secret\n\n"
            + "[producer]\naws_access_key_id = " + S3.accessKey() + "\naws_secret_access_key = " + S3.secretKey() + "\n");
    Files.writeString(aws.resolve("config"), "[profile producer]\nendpoint_url = " + S3.endpoint() + "\n");
    String owner = client.projectId();

    // the profile's keys, and its endpoint from ~/.aws/config; environment keys are ignored with --profile
    Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "ENVKEY", "AWS_SECRET_ACCESS_KEY", "env-secret"));
    assertEquals(owner + "\n", c4gh(env, "whoami", "--profile", "producer").ok().out());
    String verbose = c4gh(env, "whoami", "-v", "--profile", "producer").ok().out();
    assertTrue(verbose.contains("keys from: " + aws.resolve("credentials") + " [producer]"), verbose);
    assertFalse(verbose.contains("wrong-secret") || verbose.contains("env-secret"), verbose);

    // AWS_PROFILE chooses the profile when environment keys are absent
    assertEquals(owner + "\n", c4gh(Map.of("AWS_PROFILE", "producer"), "whoami").ok().out());

    // without --profile: the environment keys, which S3Proxy does not know
    env.put("AWS_ENDPOINT_URL", S3.endpoint().toString());
    String line = c4gh(env, "whoami").failedWithOneLine("whoami");
    assertTrue(line.contains("HTTP 403 InvalidAccessKeyId"), line);
    assertTrue(line.endsWith("; the server does not know this access key (check the keys and the endpoint)"), line);
    assertFalse(line.contains("env-secret"), line);

    // the default profile's keys are wrong too
    line = c4gh(Map.of("AWS_ENDPOINT_URL", S3.endpoint().toString()), "whoami").failedWithOneLine("whoami");
    assertTrue(line.contains("HTTP 403"), line);

    // a profile that is not there
    line = c4gh(env, "whoami", "--profile", "nobody").failedWithOneLine("whoami");
    assertTrue(line.startsWith("c4gh: whoami: no S3 credentials found (profile 'nobody' from explicit)"), line);
    assertTrue(line.contains(aws.resolve("credentials") + " [nobody]: no such section"), line);
    assertTrue(line.contains("AWS default credentials chain: turned off"), line);

    // ... and keys in ~/.s3cfg are not taken for it
    Files.writeString(home.resolve(".s3cfg"), "[default]\naccess_key = " + S3.accessKey() + "\nsecret_key = " + S3.secretKey()
        + "\nhost_base = 127.0.0.1:" + S3.endpoint().getPort() + "\nuse_https = False\n");
    line = c4gh(env, "whoami", "--profile", "nobody").failedWithOneLine("whoami");
    assertEquals("c4gh: whoami: profile 'nobody' has no keys in ~/.aws/credentials or ~/.aws/config (keys found in "
        + home.resolve(".s3cfg") + " [default] were not used)", line);

    // ~/.s3cfg alone (as allas-conf --mode s3cmd writes it) is enough
    Files.delete(aws.resolve("credentials"));
    Files.delete(aws.resolve("config"));
    assertEquals(owner + "\n", c4gh(Map.of(), "whoami").ok().out());

    assertTrue(c4gh("whoami", "--profile", " ").usageError().contains("invalid profile name"));
  }

  // ---------------------------------------------------------------------------------------------
  // help

  @ParameterizedTest
  @ValueSource(strings = {"mb", "ls", "rm", "whoami", "share", "revoke", "shares", "make-shared-bucket"})
  void storageCommandHelp(String command) {
    String out = c4gh(Map.of(), command, "--help").ok().out();
    assertTrue(out.startsWith("usage: c4gh " + command), out);
    assertTrue(out.contains("--endpoint URL"), out);
    assertTrue(out.contains("--profile NAME"), out);
    assertTrue(out.contains("AWS_ACCESS_KEY_ID"), out);
    assertTrue(out.contains("<owner-project-id>:<bucket>"), out);
    assertFalse(out.contains("C4GH_PASSPHRASE"), out);
  }

  @Test
  void generalHelpGroupsTheCommands() {
    String out = c4gh(Map.of(), "--help").ok().out();
    int codec = out.indexOf("\ncodec commands");
    int storage = out.indexOf("\nstorage commands");
    assertTrue(codec > 0 && storage > codec, out);
    List<String> storageCommands = List.of("mb", "ls", "rm", "whoami", "share", "revoke", "shares", "make-shared-bucket");
    for (String c : storageCommands) {
      int i = out.indexOf("\n  " + c + " ");
      assertTrue(i > storage, c + " under the storage heading: " + out);
      assertTrue(out.contains("c4gh " + c), c + " usage in " + out);
    }
    assertTrue(out.indexOf("\n  inspect ") < storage, out);
    assertTrue(out.contains("c4gh ls [-r] [--endpoint URL] [--profile NAME] [BUCKET[/PREFIX]]"), out);
    assertTrue(out.contains("c4gh share (--read | --write | --read-write) [--endpoint URL] [--profile NAME] BUCKET PROJECT_ID"), out);
  }

  static List<String> lines(Result r) {
    return new String(r.stdout, StandardCharsets.UTF_8).lines().collect(Collectors.toList());
  }

  static void assertObjectLine(String line, long size, String key) {
    assertTrue(TIME.matcher(line.substring(0, 20)).matches(), line);
    assertEquals(String.format(" %14d  %s", size, key), line.substring(20), line);
  }

  static void assertDirLine(String line, String prefix) {
    assertEquals(String.format("%-20s %14s  %s", "", "DIR", prefix), line);
  }
}
