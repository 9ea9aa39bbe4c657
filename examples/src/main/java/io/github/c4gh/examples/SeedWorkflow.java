package io.github.c4gh.examples;

import io.github.c4gh.allas.AccessDeniedException;
import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.CannedAcl;
import io.github.c4gh.allas.NotSupportedByServerException;
import io.github.c4gh.allas.PutOptions;
import io.github.c4gh.allas.Share;
import io.github.c4gh.allas.SharedBucket;
import io.github.c4gh.allas.SharingChange;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.bridge.UploadResult;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.PassphraseSource;
import java.io.ByteArrayOutputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The seed workflow, end to end, with the library's public API, checking every result:
 *
 * <ol>
 *   <li>the project manager generates the project's Crypt4GH key pair, protected by a passphrase,
 *       and stores the secret key and an instructions file, both encrypted for the project's
 *       custodians, in a project bucket, and the public key, readable by anyone, in a bucket of
 *       its own;
 *   <li>she makes a bucket shared read-write with the data producer's project and puts the public
 *       key into it;
 *   <li>the producer encrypts two large files (generated on the fly, never written to disk) for the
 *       project key and CSC's Sensitive Data key and streams them into the shared bucket;
 *   <li>she revokes the producer's access, and the producer can no longer write or read there;
 *   <li>a project member downloads one file and decrypts it with the project secret key and
 *       passphrase (plaintext SHA-256 equal), and reads a slice of the other without downloading
 *       the rest.
 * </ol>
 *
 * <p>By default it runs on an embedded S3Proxy, which has one identity and no bucket policies:
 * there the sharing steps (2 and 4) are reported SKIPPED with the server's answer, never faked.
 * Given an endpoint and the two projects' credentials ({@link ExampleServer}) it runs against Ceph
 * RGW or Allas, where every step must pass. Exit status 0 when no step failed.
 *
 * <pre>{@code
 * scripts/demo.sh                                  # embedded S3Proxy
 * scripts/demo.sh --size-mib 256                   # bigger files
 * source /tmp/c4gh-ceph-rgw/rgw.env && scripts/demo.sh   # the Ceph RGW of scripts/ceph-rgw-start.sh
 * }</pre>
 *
 * <p>Other options: {@code --size-mib N} (size of the first file, default 64; the second is half),
 * {@code --keep} (leave the buckets in place). The passphrase is {@code C4GH_PASSPHRASE}, or a
 * generated one printed as the demo passphrase. The secret key is never printed.
 */
public final class SeedWorkflow {
  private SeedWorkflow() {}

  /** How a step ended. */
  public enum Status {
    /** Done and checked. */
    PASSED,
    /** Not possible on this server; the detail says why. */
    SKIPPED,
    /** Failed or not run because an earlier step failed. */
    FAILED
  }

  /**
   * One step's outcome.
   *
   * @param step the step's number and name
   * @param status how it ended
   * @param detail what was checked, or why it was skipped or failed
   */
  public record StepResult(String step, Status status, String detail) {}

  /**
   * The outcome of a run.
   *
   * @param server where it ran
   * @param steps every step, in order
   */
  public record Result(String server, List<StepResult> steps) {
    /**
     * Whether no step failed.
     *
     * @return {@code true} when every step PASSED or was SKIPPED
     */
    public boolean ok() {
      return steps.stream().noneMatch(s -> s.status() == Status.FAILED);
    }
  }

  /**
   * Runs the workflow and exits with status 1 if a step failed (2 for bad arguments).
   *
   * @param args see the class comment and {@link ExampleServer}
   * @throws Exception if the embedded server cannot start
   */
  public static void main(String[] args) throws Exception {
    Result r;
    try {
      r = run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("seed workflow: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!r.ok()) {
      System.exit(1);
    }
  }

  /**
   * Runs the workflow, printing to {@code out}.
   *
   * @param args see the class comment and {@link ExampleServer}
   * @param out where the progress and summary go
   * @return the outcome of every step
   * @throws Exception if the embedded server cannot start
   */
  public static Result run(String[] args, PrintStream out) throws Exception {
    try (ExampleServer server = ExampleServer.open(args)) {
      long sizeMiB = 64;
      boolean keep = false;
      List<String> rest = server.otherArgs();
      for (int i = 0; i < rest.size(); i++) {
        switch (rest.get(i)) {
          case "--size-mib" -> {
            if (i + 1 >= rest.size()) {
              throw new IllegalArgumentException("--size-mib needs a value");
            }
            sizeMiB = Long.parseLong(rest.get(++i));
            if (sizeMiB < 1) {
              throw new IllegalArgumentException("--size-mib must be at least 1");
            }
          }
          case "--keep" -> keep = true;
          default -> throw new IllegalArgumentException("unknown argument " + rest.get(i));
        }
      }
      return new Run(server, sizeMiB << 20, keep, out).run();
    }
  }

  /** The state of one run. */
  private static final class Run {
    private final ExampleServer server;
    private final AllasClient owner;
    private final AllasClient producer;
    private final long size1;
    private final long size2;
    private final boolean keep;
    private final PrintStream out;
    private final List<StepResult> results = new ArrayList<>();
    private final long seed1 = new SecureRandom().nextLong();
    private final long seed2 = new SecureRandom().nextLong();

    private final String keysBucket;
    private final String publicBucket;
    private final String inbox;

    private char[] passphrase;
    private String secretKeyFile;
    private String publicKeyFile;
    private Crypt4ghPublicKey projectPublicKey;
    private final byte[][] sha256 = new byte[2][];

    Run(ExampleServer server, long size1, boolean keep, PrintStream out) {
      this.server = server;
      this.owner = server.owner();
      this.producer = server.producer();
      this.size1 = size1;
      this.size2 = Math.max(1 << 20, size1 / 2);
      this.keep = keep;
      this.out = out;
      this.keysBucket = server.newBucketName("keys");
      this.publicBucket = server.newBucketName("pubkey");
      this.inbox = server.newBucketName("inbox");
    }

    Result run() {
      out.println("Seed workflow on " + server.describe());
      out.println("  owner project:    " + owner.projectId());
      out.println("  producer project: " + (server.twoIdentities() ? producer.projectId() : "(the same identity: the embedded server has only one)"));
      step("1. key pair, stored encrypted for custodians; public key public", this::keys);
      step("1b. public key readable without credentials", this::anonymousRead);
      step("2. bucket shared read-write with the producer, public key in it", this::sharedBucket);
      step("3. producer encrypts for project + CSC and streams two files in", this::produce);
      step("4. revoke: the producer can no longer write or read", this::revoke);
      step("5. member downloads and decrypts one file, reads a slice of the other", this::consume);
      if (!keep) {
        cleanUp();
      } else {
        out.println("\nKept buckets " + keysBucket + ", " + publicBucket + ", " + inbox);
      }
      if (passphrase != null) {
        Arrays.fill(passphrase, '\0');
      }
      Result r = new Result(server.describe(), List.copyOf(results));
      out.println("\n== Summary (" + r.server() + ")");
      for (StepResult s : r.steps()) {
        out.printf("  %-7s %s%n", s.status(), s.step());
        if (s.status() != Status.PASSED) {
          out.println("          " + s.detail());
        }
      }
      out.println(r.ok() ? "Seed workflow: every step passed or was skipped for the reason given." : "Seed workflow: FAILED");
      return r;
    }

    /** What a step returns: PASSED or SKIPPED, with a detail. */
    private record Outcome(Status status, String detail) {
      static Outcome passed(String detail) {
        return new Outcome(Status.PASSED, detail);
      }

      static Outcome skipped(String reason) {
        return new Outcome(Status.SKIPPED, reason);
      }
    }

    private interface Step {
      Outcome run() throws Exception;
    }

    private void step(String name, Step step) {
      out.println("\n== Step " + name);
      if (results.stream().anyMatch(r -> r.status() == Status.FAILED)) {
        results.add(new StepResult(name, Status.FAILED, "not run: an earlier step failed"));
        out.println("  FAILED: not run, an earlier step failed");
        return;
      }
      StepResult r;
      try {
        Outcome o = step.run();
        r = new StepResult(name, o.status(), o.detail());
      } catch (Exception | AssertionError e) {
        r = new StepResult(name, Status.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      results.add(r);
      out.println("  " + r.status() + ": " + r.detail());
    }

    private void say(String format, Object... args) {
      out.println("  " + String.format(format, args));
    }

    private static void check(boolean condition, String what) {
      if (!condition) {
        throw new AssertionError("check failed: " + what);
      }
    }

    // ---- step 1 -----------------------------------------------------------------------------

    private Outcome keys() throws IOException {
      String fromEnv = System.getenv("C4GH_PASSPHRASE");
      if (fromEnv != null && !fromEnv.isEmpty()) {
        passphrase = fromEnv.toCharArray();
        say("passphrase from C4GH_PASSPHRASE");
      } else {
        byte[] r = new byte[12];
        new SecureRandom().nextBytes(r);
        passphrase = Base64.getUrlEncoder().withoutPadding().encodeToString(r).toCharArray();
        say("(demo passphrase) %s", new String(passphrase));
      }
      Crypt4ghPrivateKey projectKey = Crypt4ghPrivateKey.generate();
      projectPublicKey = projectKey.publicKey();
      secretKeyFile = KeyFiles.formatPrivateKey(projectKey, Kdf.SCRYPT, passphrase, "seed workflow project key", new SecureRandom());
      publicKeyFile = KeyFiles.formatPublicKey(projectPublicKey);
      projectKey.destroy();
      say("generated the project key pair; public key %s (secret key scrypt-protected, not shown)", projectPublicKey.toBase64());

      // The custodians' key: in real life their own key pair, made and kept elsewhere.
      Crypt4ghPrivateKey custodian = Crypt4ghPrivateKey.generate();
      Crypt4ghEncryptor forCustodians = Crypt4ghEncryptor.builder().recipient(custodian.publicKey()).build();
      String instructions =
          "Project key of this project. The secret key file project.sec is protected by a passphrase,\n"
              + "which the project manager keeps; it is stored here encrypted for the project's custodians.\n"
              + "Public key: " + projectPublicKey.toBase64() + " (also in bucket " + publicBucket + ")\n";

      owner.createBucket(keysBucket);
      owner.putObject(keysBucket, "project.sec.c4gh", encrypt(forCustodians, secretKeyFile.getBytes(StandardCharsets.US_ASCII)));
      owner.putObject(keysBucket, "INSTRUCTIONS.txt.c4gh", encrypt(forCustodians, instructions.getBytes(StandardCharsets.UTF_8)));
      say("stored %s/project.sec.c4gh and %s/INSTRUCTIONS.txt.c4gh, encrypted for the custodians", keysBucket, keysBucket);
      owner.createBucket(publicBucket);
      owner.putObject(publicBucket, "project.pub", publicKeyFile.getBytes(StandardCharsets.US_ASCII),
          PutOptions.builder().cannedAcl(CannedAcl.PUBLIC_READ).contentType("text/plain").build());
      say("stored %s/project.pub with the canned ACL public-read", publicBucket);

      // Checks: the stored copy is ciphertext; the custodians can recover the key file, and the
      // passphrase opens it to the same key pair.
      byte[] stored = owner.getObjectBytes(keysBucket, "project.sec.c4gh");
      check(!new String(stored, StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"), "the stored secret key is encrypted");
      byte[] recovered = decrypt(Crypt4ghDecryptor.builder().privateKey(custodian).build(), stored);
      String recoveredText = new String(recovered, StandardCharsets.US_ASCII);
      check(recoveredText.equals(secretKeyFile), "the custodians recover the secret key file");
      Crypt4ghPrivateKey reopened = KeyFiles.parsePrivateKey(recoveredText, PassphraseSource.of(passphrase));
      check(reopened.publicKey().equals(projectPublicKey), "the recovered key file opens with the passphrase to the same key");
      reopened.destroy();
      custodian.destroy();
      check(Arrays.equals(owner.getObjectBytes(publicBucket, "project.pub"), publicKeyFile.getBytes(StandardCharsets.US_ASCII)),
          "the public key reads back");
      return Outcome.passed("key pair made; custodians recover the secret key file and the passphrase opens it");
    }

    private Outcome anonymousRead() throws Exception {
      URI url = owner.publicUrl(server.producerView(publicBucket), "project.pub");
      say("anonymous GET %s", url);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
      boolean ok = r.statusCode() == 200 && Arrays.equals(r.body(), publicKeyFile.getBytes(StandardCharsets.US_ASCII));
      if (ok) {
        return Outcome.passed("HTTP 200 without credentials, the public key file exactly");
      }
      String what = "the server answered HTTP " + r.statusCode() + " to an anonymous GET of the public-read object";
      if (server.embedded()) {
        return Outcome.skipped(what + " (S3Proxy's authentication does not let anonymous requests through to public-read objects)");
      }
      throw new AssertionError(what);
    }

    // ---- step 2 -----------------------------------------------------------------------------

    private Outcome sharedBucket() {
      if (server.twoIdentities()) {
        String producerId = producer.projectId();
        SharedBucket sb = owner.makeSharedBucket(inbox, producerId, publicKeyFile);
        say("made %s, shared READ_WRITE with project %s, public key in %s/%s", inbox, producerId, inbox, sb.publicKeyObject());
        for (String s : sb.skipped()) {
          say("skipped by the server: %s", s);
        }
        List<Share> shares = owner.shares(inbox);
        say("bucket policy now shares with: %s", shares);
        check(shares.contains(new Share(producerId, Access.READ_WRITE)), "the policy shares the bucket read-write with the producer");
        String view = server.producerView(inbox);
        byte[] seen = producer.getObjectBytes(view, AllasClient.PUBLIC_KEY_OBJECT);
        check(Arrays.equals(seen, publicKeyFile.getBytes(StandardCharsets.US_ASCII)), "the producer reads the public key");
        say("the producer reads %s/%s", view, AllasClient.PUBLIC_KEY_OBJECT);
        return Outcome.passed("shared with " + producerId + "; the producer reads the project's public key from it"
            + (sb.skipped().isEmpty() ? "" : " (server skipped: " + sb.skipped() + ")"));
      }
      // One identity: create the bucket and put the key in so that the producer steps can run, but
      // there is nobody to share with. Ask the server about bucket policies for the record.
      owner.createBucket(inbox);
      owner.putObject(inbox, AllasClient.PUBLIC_KEY_OBJECT, publicKeyFile.getBytes(StandardCharsets.US_ASCII),
          PutOptions.builder().contentType("text/plain").build());
      say("made %s and put the public key into it as %s (not shared)", inbox, AllasClient.PUBLIC_KEY_OBJECT);
      String policyAnswer;
      try {
        owner.s3().putBucketPolicy(b -> b.bucket(inbox).policy(ownerOnlyPolicy(inbox)));
        owner.s3().deleteBucketPolicy(b -> b.bucket(inbox));
        policyAnswer = "it accepted a bucket policy";
      } catch (AwsServiceException e) {
        policyAnswer = "it answers HTTP " + e.statusCode() + " " + e.awsErrorDetails().errorCode() + " to PutBucketPolicy";
      }
      return Outcome.skipped("not shared: this server has a single identity (no producer project to share with), and " + policyAnswer);
    }

    private String ownerOnlyPolicy(String bucket) {
      return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":[\"arn:aws:iam::"
          + owner.projectId() + ":root\"]},\"Action\":[\"s3:*\"],\"Resource\":[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}]}";
    }

    // ---- step 3 -----------------------------------------------------------------------------

    private Outcome produce() throws IOException {
      String target = server.producerView(inbox);
      Crypt4ghPublicKey projectKey =
          KeyFiles.parsePublicKey(new String(producer.getObjectBytes(target, AllasClient.PUBLIC_KEY_OBJECT), StandardCharsets.US_ASCII));
      check(projectKey.equals(projectPublicKey), "the producer got the project's public key");
      Crypt4ghEncryptor encryptor =
          Crypt4ghEncryptor.builder().recipient(projectKey).recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY).build();
      say("recipients: the project key (from %s/%s) and CSC's Sensitive Data key", target, AllasClient.PUBLIC_KEY_OBJECT);
      AllasCrypt4gh bridge = AllasCrypt4gh.create(producer);
      long[] sizes = {size1, size2};
      long[] seeds = {seed1, seed2};
      StringBuilder detail = new StringBuilder();
      for (int i = 0; i < 2; i++) {
        String key = "sample-" + (i + 1) + ".bin.c4gh";
        GeneratedData data = new GeneratedData(seeds[i], sizes[i]);
        long t0 = System.nanoTime();
        UploadResult r = bridge.upload(target, key, encryptor, data,
            UploadOptions.builder().expectedLength(sizes[i]).bucketOwnerFullControl(server.twoIdentities() ? Boolean.TRUE : null).build());
        double secs = (System.nanoTime() - t0) / 1e9;
        sha256[i] = data.sha256();
        say("uploaded %s/%s: %d plaintext bytes -> %d bytes in %s, %.1f s (%.0f MiB/s); plaintext SHA-256 %s",
            target, key, r.plaintextBytes(), r.objectBytes(), parts(r), secs, sizes[i] / 1048576.0 / secs, hex(sha256[i]));
        check(r.plaintextBytes() == sizes[i], "all plaintext went in");
        check(r.objectBytes() == encryptor.encryptedSize(sizes[i]), "the object has the Crypt4GH size");
        long stored = owner.headObject(inbox, key).size();
        check(stored == r.objectBytes(), "the owner sees the object at its full size");
        detail.append(i == 0 ? "" : ", ").append(key).append(" (").append(sizes[i] >> 20).append(" MiB, ").append(parts(r)).append(")");
      }
      return Outcome.passed("streamed " + detail + " from generated data, no temporary files; the owner sees both");
    }

    // ---- step 4 -----------------------------------------------------------------------------

    private Outcome revoke() {
      if (!server.twoIdentities()) {
        return Outcome.skipped("nothing to revoke: this server has a single identity (the producer used the owner's credentials) and no bucket policies");
      }
      String producerId = producer.projectId();
      String view = server.producerView(inbox);
      SharingChange c = owner.revoke(inbox, producerId);
      say("revoked project %s from %s (%d in-flight uploads aborted); locked out: %s", producerId, c.buckets(), c.uploadsAborted(),
          owner.lockedOutProjects(inbox));
      check(owner.shares(inbox).stream().noneMatch(s -> s.projectId().equals(producerId)), "the policy no longer shares with the producer");
      String put = refused(() -> producer.putObject(view, "after-revoke.txt", "too late".getBytes(StandardCharsets.UTF_8)));
      say("producer PUT %s/after-revoke.txt: %s", view, put);
      String get = refused(() -> producer.getObjectBytes(view, "sample-1.bin.c4gh"));
      say("producer GET of its own upload %s/sample-1.bin.c4gh: %s", view, get);
      String list = refused(() -> producer.listObjects(view, "").count());
      say("producer LIST %s: %s", view, list);
      check(!owner.objectExists(inbox, "after-revoke.txt"), "nothing was written after the revoke");
      return Outcome.passed("producer refused: PUT " + put + ", GET " + get + ", LIST " + list);
    }

    private static String refused(Runnable r) {
      try {
        r.run();
      } catch (AccessDeniedException e) {
        return "refused (HTTP " + e.statusCode() + " " + e.errorCode() + ")";
      }
      throw new AssertionError("the producer was not refused after the revoke");
    }

    // ---- step 5 -----------------------------------------------------------------------------

    private Outcome consume() throws IOException {
      // A member has the key file and the passphrase; the member's credentials are the project's.
      Crypt4ghPrivateKey key = KeyFiles.parsePrivateKey(secretKeyFile, PassphraseSource.of(passphrase));
      Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
      CountingS3 counting = CountingS3.wrap(owner.s3());
      AllasCrypt4gh bridge = AllasCrypt4gh.create(counting.client());

      MessageDigest md = sha256();
      long n = 0;
      long t0 = System.nanoTime();
      try (InputStream in = bridge.newDecryptingStream(inbox, "sample-1.bin.c4gh", decryptor)) {
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) >= 0; ) {
          md.update(buf, 0, r);
          n += r;
        }
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      byte[] got = md.digest();
      say("downloaded and decrypted %s/sample-1.bin.c4gh: %d bytes in %.1f s (%d ranged GETs), SHA-256 %s", inbox, n, secs,
          counting.getObjectRequests(), hex(got));
      check(n == size1, "the whole plaintext came back");
      check(Arrays.equals(got, sha256[0]), "the plaintext SHA-256 equals the producer's");

      long offset = size2 * 5 / 8 + 12_345;
      int length = (int) Math.min(256 * 1024, size2 - offset);
      counting.reset();
      ByteBuffer slice = ByteBuffer.allocate(length);
      long plainSize;
      try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(inbox, "sample-2.bin.c4gh", decryptor)) {
        plainSize = ch.size();
        ch.position(offset);
        while (slice.hasRemaining() && ch.read(slice) >= 0) {
          // read on
        }
      }
      key.destroy();
      int gets = counting.getObjectRequests();
      say("read bytes [%d, %d) of %s/sample-2.bin.c4gh (%d bytes) with %d ranged GETs", offset, offset + length, inbox, plainSize, gets);
      check(plainSize == size2, "the channel knows the plaintext size");
      check(!slice.hasRemaining(), "the slice was read whole");
      check(Arrays.equals(slice.array(), GeneratedData.bytesAt(seed2, offset, length)), "the slice equals the plaintext there");
      return Outcome.passed("SHA-256 equal for " + (size1 >> 20) + " MiB; a " + (length >> 10) + " KiB slice equal, fetched with " + gets
          + " ranged GETs instead of the whole " + (size2 >> 20) + " MiB");
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void cleanUp() {
      for (String b : List.of(keysBucket, publicBucket, inbox)) {
        try {
          if (owner.bucketExists(b)) {
            owner.deleteBucketAndAllObjects(b);
          }
        } catch (RuntimeException e) {
          out.println("  (clean-up: could not delete bucket " + b + ": " + e.getMessage() + ")");
        }
      }
    }

    private static byte[] encrypt(Crypt4ghEncryptor encryptor, byte[] plaintext) throws IOException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (OutputStream out = encryptor.newEncryptingStream(bytes)) {
        out.write(plaintext);
      }
      return bytes.toByteArray();
    }

    private static byte[] decrypt(Crypt4ghDecryptor decryptor, byte[] ciphertext) throws IOException {
      try (InputStream in = decryptor.newDecryptingStream(new java.io.ByteArrayInputStream(ciphertext))) {
        return in.readAllBytes();
      }
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    private static String parts(UploadResult r) {
      return r.parts() == 0 ? "one PUT" : r.parts() + " parts";
    }

    private static String hex(byte[] b) {
      return HexFormat.of().formatHex(b, 0, 8) + "...";
    }
  }

}
