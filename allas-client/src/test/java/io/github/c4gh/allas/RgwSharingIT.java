package io.github.c4gh.allas;

import io.github.c4gh.allas.testing.RgwEnv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * Sharing between two projects on a real Ceph RGW, where each project is a tenant user whose tenant
 * and uid are its 32-hex id (as {@code scripts/ceph-rgw-start.sh} sets them up). The producer
 * reaches the owner's bucket as {@code <owner-id>:<bucket>}.
 */
class RgwSharingIT {
  static RgwEnv.Project ownerProject;
  static RgwEnv.Project producerProject;
  static RgwEnv.Project otherProject;
  static AllasClient owner;
  static AllasClient producer;
  static AllasClient other;
  static final List<String> BUCKETS = new ArrayList<>();

  static final byte[] PUBLIC_KEY =
      ("-----BEGIN CRYPT4GH PUBLIC KEY-----\ndmku3fKA/wrOpWntUTkkoQvknjZDisdmSwU4oFk/on0=\n-----END CRYPT4GH PUBLIC KEY-----\n")
          .getBytes(StandardCharsets.US_ASCII);

  @BeforeAll
  static void setUp() {
    ownerProject = RgwEnv.project("OWNER");
    producerProject = RgwEnv.project("PRODUCER");
    otherProject = RgwEnv.project("OTHER");
    owner = ownerProject.client();
    producer = producerProject.client();
    other = otherProject.client();
  }

  @AfterAll
  static void tearDown() {
    if (owner != null) {
      for (String b : BUCKETS) {
        if (owner.bucketExists(b)) {
          owner.deleteBucketAndAllObjects(b);
        }
      }
    }
    for (AllasClient c : new AllasClient[] {owner, producer, other}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static String newBucket(String what) {
    String b = RgwEnv.uniqueBucket(what);
    BUCKETS.add(b);
    assertTrue(owner.createBucket(b));
    return b;
  }

  /** How the producer (another tenant) addresses the owner's bucket. */
  static String remote(String bucket) {
    return ownerProject.id() + ":" + bucket;
  }

  static PutOptions producerPut() {
    return PutOptions.builder().cannedAcl(CannedAcl.BUCKET_OWNER_FULL_CONTROL).build();
  }

  static void assertDenied(Executable e) {
    AccessDeniedException d = assertThrows(AccessDeniedException.class, e);
    assertEquals(403, d.statusCode());
  }

  static List<String> keys(AllasClient c, String bucket) {
    return c.listObjects(bucket, null).map(ObjectSummary::key).collect(Collectors.toList());
  }

  static String policyJson(String bucket, String... statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }

  static String statement(String effect, String project, String bucket, String... actions) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":[\"arn:aws:iam::" + project + ":root\"]},\"Action\":["
        + java.util.Arrays.stream(actions).map(a -> "\"" + a + "\"").collect(Collectors.joining(",")) + "],\"Resource\":[\"arn:aws:s3:::"
        + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}";
  }

  @Test
  void whoamiIsTheTenantId() {
    assertEquals(ownerProject.id(), owner.projectId());
    assertEquals(producerProject.id(), producer.projectId());
    assertEquals(otherProject.id(), other.projectId());
  }

  @Test
  void shareRead() {
    String b = newBucket("read");
    owner.putObject(b, "data.c4gh", new byte[] {1, 2, 3});
    assertDenied(() -> producer.getObjectBytes(remote(b), "data.c4gh"));

    SharingChange change = owner.share(b, producerProject.id(), Access.READ);
    assertEquals(List.of(b), change.buckets());
    assertEquals(
        policyJson(b,
            statement("Allow", ownerProject.id(), b, "s3:*"),
            statement("Allow", producerProject.id(), b, "s3:GetObject", "s3:ListBucket", "s3:GetObjectTagging", "s3:GetObjectVersion")),
        owner.bucketPolicy(b).orElseThrow());
    assertEquals(List.of(new Share(producerProject.id(), Access.READ)), owner.shares(b));

    assertEquals(List.of("data.c4gh"), keys(producer, remote(b)));
    assertArrayEquals(new byte[] {1, 2, 3}, producer.getObjectBytes(remote(b), "data.c4gh"));
    assertDenied(() -> producer.putObject(remote(b), "upload", new byte[] {1}, producerPut()));
    assertDenied(() -> keys(other, remote(b)));
    assertDenied(() -> other.getObjectBytes(remote(b), "data.c4gh"));
  }

  @Test
  void shareReadWriteProducerUploadsOwnerReadsThenLockOutRevokeAndReshare() {
    String b = newBucket("rw");
    owner.share(b, producerProject.id(), Access.READ_WRITE);
    assertEquals(List.of(new Share(producerProject.id(), Access.READ_WRITE)), owner.shares(b));

    // producer uploads with bucket-owner-full-control; the owner reads it
    byte[] delivered = "delivered".getBytes(StandardCharsets.UTF_8);
    producer.putObject(remote(b), "in/file.c4gh", delivered, producerPut());
    assertArrayEquals(delivered, owner.getObjectBytes(b, "in/file.c4gh"));
    assertEquals(List.of("in/file.c4gh"), keys(producer, remote(b)));
    assertThrows(ObjectExistsException.class, () -> producer.putObject(remote(b), "in/file.c4gh", new byte[] {0}, producerPut()));

    // an in-flight multipart upload of the producer
    String uploadId =
        producer.s3().createMultipartUpload(r -> r.bucket(remote(b)).key("in/big.c4gh").acl("bucket-owner-full-control")).uploadId();
    byte[] part = new byte[5 * 1024 * 1024];
    producer.s3().uploadPart(r -> r.bucket(remote(b)).key("in/big.c4gh").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part));
    assertEquals(1, owner.s3().listMultipartUploads(r -> r.bucket(b)).uploads().size());

    SharingChange revoked = owner.revoke(b, producerProject.id());
    assertEquals(1, revoked.uploadsAborted());
    assertEquals(List.of(), owner.shares(b));
    assertEquals(List.of(producerProject.id()), owner.lockedOutProjects(b));
    assertEquals(
        policyJson(b, statement("Allow", ownerProject.id(), b, "s3:*"), statement("Deny", producerProject.id(), b, "s3:*")),
        owner.bucketPolicy(b).orElseThrow());

    assertDenied(() -> producer.putObject(remote(b), "in/after-revoke", new byte[] {1}, producerPut()));
    assertDenied(() -> keys(producer, remote(b)));
    assertDenied(() -> producer.getObjectBytes(remote(b), "in/file.c4gh")); // its own object
    AllasException partAfterRevoke = assertThrows(AllasException.class, () -> {
      try {
        producer.s3().uploadPart(r -> r.bucket(remote(b)).key("in/big.c4gh").uploadId(uploadId).partNumber(2), RequestBody.fromBytes(part));
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        throw io.github.c4gh.allas.internal.Errors.translate(e, "UploadPart", io.github.c4gh.allas.internal.Errors.Context.OBJECT);
      }
    });
    assertTrue(partAfterRevoke.statusCode() == 403 || partAfterRevoke.statusCode() == 404, partAfterRevoke.getMessage());
    System.out.println("[rgw] UploadPart after lock-out revoke: " + partAfterRevoke.statusCode() + " " + partAfterRevoke.errorCode());
    assertTrue(owner.s3().listMultipartUploads(r -> r.bucket(b)).uploads().isEmpty(), "the in-flight upload is gone");
    // the owner still reads what the producer delivered
    assertArrayEquals(delivered, owner.getObjectBytes(b, "in/file.c4gh"));

    // sharing again removes the Deny
    owner.share(b, producerProject.id(), Access.READ_WRITE);
    assertEquals(List.of(), owner.lockedOutProjects(b));
    assertArrayEquals(delivered, producer.getObjectBytes(remote(b), "in/file.c4gh"));
    producer.putObject(remote(b), "in/after-reshare", new byte[] {4}, producerPut());
    assertArrayEquals(new byte[] {4}, owner.getObjectBytes(b, "in/after-reshare"));
  }

  @Test
  void removingTheGrantAloneLeavesReadOfOwnObjectsAndDeletesTheEmptyPolicy() {
    String b = newBucket("keep");
    owner.share(b, producerProject.id(), Access.WRITE);
    assertEquals(List.of(new Share(producerProject.id(), Access.WRITE)), owner.shares(b));
    producer.putObject(remote(b), "own", new byte[] {7}, producerPut());
    assertDenied(() -> keys(producer, remote(b))); // WRITE has no ListBucket

    SharingChange change = owner.revoke(b, producerProject.id(), RevokeOptions.removeGrantOnly());
    assertEquals(0, change.uploadsAborted());
    assertTrue(owner.bucketPolicy(b).isEmpty(), "nothing but the owner statement was left: the policy is deleted");
    assertDenied(() -> producer.putObject(remote(b), "more", new byte[] {1}, producerPut()));
    assertDenied(() -> keys(producer, remote(b)));
    // ceph-rgw-notes.md: without a Deny the uploader still reads the objects it owns
    assertArrayEquals(new byte[] {7}, producer.getObjectBytes(remote(b), "own"));
    // and a lock-out revoke then stops that too
    owner.revoke(b, producerProject.id());
    assertDenied(() -> producer.getObjectBytes(remote(b), "own"));
  }

  @Test
  void denyWithoutAbortStopsUploadsButLeavesThemForTheOwner() {
    String b = newBucket("noabort");
    owner.share(b, producerProject.id(), Access.READ_WRITE);
    String uploadId = producer.s3().createMultipartUpload(r -> r.bucket(remote(b)).key("big")).uploadId();
    owner.revoke(b, producerProject.id(), RevokeOptions.builder().abortAllInFlightUploads(false).build());
    AllasException e = assertThrows(AllasException.class, () -> {
      try {
        producer.s3().uploadPart(r -> r.bucket(remote(b)).key("big").uploadId(uploadId).partNumber(1), RequestBody.fromBytes(new byte[10]));
      } catch (software.amazon.awssdk.core.exception.SdkException x) {
        throw io.github.c4gh.allas.internal.Errors.translate(x, "UploadPart", io.github.c4gh.allas.internal.Errors.Context.OBJECT);
      }
    });
    assertEquals(403, e.statusCode());
    assertEquals(1, owner.s3().listMultipartUploads(r -> r.bucket(b)).uploads().size());
    owner.s3().abortMultipartUpload(r -> r.bucket(b).key("big").uploadId(uploadId));
  }

  @Test
  void projectNamesAreRefused() {
    String b = newBucket("names");
    InvalidProjectIdException e =
        assertThrows(InvalidProjectIdException.class, () -> owner.share(b, producerProject.name(), Access.READ));
    assertTrue(e.getMessage().contains(producerProject.name()) && e.getMessage().contains("Share ID"), e.getMessage());
    assertThrows(InvalidProjectIdException.class, () -> owner.revoke(b, producerProject.name()));
    assertThrows(InvalidProjectIdException.class, () -> owner.makeSharedBucket(RgwEnv.uniqueBucket("never"), producerProject.name(), PUBLIC_KEY));
    assertThrows(InvalidProjectIdException.class, () -> owner.share(b, ownerProject.id(), Access.READ));
    assertTrue(owner.bucketPolicy(b).isEmpty());
  }

  @Test
  void sharingIsMirroredOnTheSegmentsBucket() throws IOException {
    String b = newBucket("mirror");
    String segments = b + AllasClient.SEGMENTS_SUFFIX;
    BUCKETS.add(segments);
    assertThrows(InvalidBucketNameException.class, () -> owner.createBucket(segments)); // '_' is a legacy name
    createLegacyBucket(segments); // as Swift would have made it: the SDK refuses '_' in CreateBucket
    owner.s3().putObject(r -> r.bucket(segments).key("seg/0001"), RequestBody.fromBytes(new byte[] {1}));

    assertEquals(List.of(b, segments), owner.share(b, producerProject.id(), Access.READ).buckets());
    assertEquals(List.of(new Share(producerProject.id(), Access.READ)), owner.shares(segments));
    assertArrayEquals(new byte[] {1}, producer.getObjectBytes(remote(segments), "seg/0001"));

    assertEquals(List.of(b, segments), owner.revoke(b, producerProject.id()).buckets());
    assertEquals(List.of(producerProject.id()), owner.lockedOutProjects(segments));
    assertDenied(() -> producer.getObjectBytes(remote(segments), "seg/0001"));
  }

  /**
   * Creates a bucket whose name the SDK refuses (legacy Allas names contain '_', as Swift made
   * them): a CreateBucket request signed with the SDK's SigV4 signer and sent by hand.
   */
  static void createLegacyBucket(String name) throws IOException {
    URI uri = URI.create(RgwEnv.endpoint() + "/" + name);
    SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(uri).build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(AwsCredentialsIdentity.create(ownerProject.accessKey(), ownerProject.secretKey()))
        .request(request)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
        .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    try {
      c.setRequestMethod("PUT");
      signed.request().headers().forEach((k, vs) -> vs.forEach(v -> c.addRequestProperty(k, v)));
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(0);
      c.getOutputStream().close();
      int status = c.getResponseCode();
      if (status == 400) {
        InputStream err = c.getErrorStream();
        String body = err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8);
        fail("the test RGW refused the legacy bucket name " + name + " (" + body + "): Allas accepts '_' in names"
            + " (its <bucket>_segments companions), so the test RGW must set rgw_relaxed_s3_bucket_names = true"
            + " in [client.rgw] (scripts/ceph-rgw-start.sh)");
      }
      assertEquals(200, status, "CreateBucket " + name);
    } finally {
      c.disconnect();
    }
  }

  @Test
  void twoProjectsSharedIndependently() {
    String b = newBucket("two");
    owner.share(b, producerProject.id(), Access.READ_WRITE);
    owner.share(b, otherProject.id(), Access.READ);
    assertEquals(List.of(new Share(producerProject.id(), Access.READ_WRITE), new Share(otherProject.id(), Access.READ)), owner.shares(b));
    owner.revoke(b, otherProject.id(), RevokeOptions.removeGrantOnly());
    assertEquals(List.of(new Share(producerProject.id(), Access.READ_WRITE)), owner.shares(b));
    producer.putObject(remote(b), "x", new byte[] {1}, producerPut());
    assertDenied(() -> keys(other, remote(b)));
  }

  @Test
  void makeSharedBucketDoesTheWholeStep() {
    String b = RgwEnv.uniqueBucket("inbox");
    BUCKETS.add(b);
    SharedBucket made = owner.makeSharedBucket(b, producerProject.id(), PUBLIC_KEY);
    assertEquals(b, made.bucket());
    assertTrue(made.created());
    assertEquals(AllasClient.PUBLIC_KEY_OBJECT, made.publicKeyObject());
    System.out.println("[rgw] makeSharedBucket skipped: " + made.skipped());
    assertEquals(List.of(), made.skipped(), "RGW implements lifecycle rules");
    List<LifecycleRule> rules = owner.s3().getBucketLifecycleConfiguration(r -> r.bucket(b)).rules();
    assertEquals(1, rules.size());
    assertEquals(AllasClient.ABORT_INCOMPLETE_UPLOADS_RULE_ID, rules.get(0).id());
    assertEquals(AllasClient.DEFAULT_ABORT_INCOMPLETE_UPLOADS_DAYS, rules.get(0).abortIncompleteMultipartUpload().daysAfterInitiation());

    assertEquals(List.of(new Share(producerProject.id(), Access.READ_WRITE)), owner.shares(b));
    assertArrayEquals(PUBLIC_KEY, producer.getObjectBytes(remote(b), AllasClient.PUBLIC_KEY_OBJECT));
    producer.putObject(remote(b), "sample.c4gh", new byte[] {1, 2}, producerPut());
    assertArrayEquals(new byte[] {1, 2}, owner.getObjectBytes(b, "sample.c4gh"));

    // again with the same key: nothing to do; with another key: refused
    SharedBucket again = owner.makeSharedBucket(b, producerProject.id(), new String(PUBLIC_KEY, StandardCharsets.US_ASCII));
    assertFalse(again.created());
    assertEquals(1, owner.s3().getBucketLifecycleConfiguration(r -> r.bucket(b)).rules().size());
    assertThrows(ObjectExistsException.class, () -> owner.makeSharedBucket(b, producerProject.id(), "another key"));
  }
}
