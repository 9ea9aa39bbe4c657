package io.github.c4gh.allas;

import io.github.c4gh.allas.testing.RgwEnv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Buckets, objects and the RGW quirks the client must handle, against a real Ceph RGW. */
class RgwClientIT {
  static RgwEnv.Project owner;
  static AllasClient client;
  static String bucket;
  static final List<String> BUCKETS = new ArrayList<>();

  @BeforeAll
  static void setUp() {
    owner = RgwEnv.project("OWNER");
    client = owner.client();
    bucket = RgwEnv.uniqueBucket("objects");
    assertTrue(client.createBucket(bucket));
    BUCKETS.add(bucket);
  }

  @AfterAll
  static void tearDown() {
    if (client != null) {
      for (String b : BUCKETS) {
        if (client.bucketExists(b)) {
          client.deleteBucketAndAllObjects(b);
        }
      }
      client.close();
    }
  }

  static String md5Hex(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
  }

  @Test
  void projectIdIsTheTenantOfTheOwnerId() {
    assertEquals(owner.id() + "$" + owner.id(), client.s3().listBuckets().owner().id());
    assertEquals(owner.id(), client.projectId());
  }

  @Test
  void sdkDefaultChecksumsFailAgainstRgwWhileOursSucceed() {
    byte[] data = "checksums".getBytes(StandardCharsets.UTF_8);
    try (S3Client sdkDefaults =
        S3Client.builder()
            .endpointOverride(RgwEnv.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(owner.accessKey(), owner.secretKey())))
            .build()) {
      S3Exception e =
          assertThrows(S3Exception.class, () -> sdkDefaults.putObject(r -> r.bucket(bucket).key("checksum-probe"), RequestBody.fromBytes(data)));
      assertEquals(400, e.statusCode());
      assertEquals("XAmzContentSHA256Mismatch", e.awsErrorDetails().errorCode());
    }
    assertFalse(client.objectExists(bucket, "checksum-probe"));
    client.putObject(bucket, "checksum-probe", data);
    assertArrayEquals(data, client.getObjectBytes(bucket, "checksum-probe"));
  }

  /**
   * The client sends Content-MD5 on operations S3 requires a checksum for (LegacyMd5Plugin), as
   * older RGW lifecycle code demands. Ceph 16.2.15 also accepts them without (the SDK's CRC32
   * header alone): that is printed, not asserted, since the client does not depend on it.
   */
  @Test
  void checksumRequiredOperationsWithoutContentMd5() {
    try (S3Client noMd5 =
        S3Client.builder()
            .endpointOverride(RgwEnv.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(owner.accessKey(), owner.secretKey())))
            .build()) {
      client.putObject(bucket, "md5-probe", new byte[] {1});
      String lifecycle = outcome(() -> noMd5.putBucketLifecycleConfiguration(r -> r.bucket(bucket).lifecycleConfiguration(c -> c.rules(
          LifecycleRule.builder().id("probe").status(ExpirationStatus.ENABLED).filter(f -> f.prefix(""))
              .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(1)).build()))));
      String delete = outcome(() -> noMd5.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ObjectIdentifier.builder().key("md5-probe").build()))));
      System.out.println("[rgw] without Content-MD5: PutBucketLifecycleConfiguration " + lifecycle + ", DeleteObjects " + delete);
      // ours sends Content-MD5 and succeeds
      client.setAbortIncompleteUploadsRule(bucket, 3);
      client.s3().deleteBucketLifecycle(r -> r.bucket(bucket));
    }
  }

  static String outcome(Runnable r) {
    try {
      r.run();
      return "ok";
    } catch (S3Exception e) {
      return e.statusCode() + " " + e.awsErrorDetails().errorCode();
    }
  }

  @Test
  void overwriteIsRefusedUnlessAsked(@TempDir Path dir) throws Exception {
    byte[] first = "first".getBytes(StandardCharsets.UTF_8);
    assertEquals(md5Hex(first), client.putObject(bucket, "no-overwrite", first));
    ObjectExistsException e = assertThrows(ObjectExistsException.class, () -> client.putObject(bucket, "no-overwrite", new byte[] {1}));
    assertEquals(412, e.statusCode());
    Path f = dir.resolve("f");
    Files.write(f, new byte[] {2});
    assertThrows(ObjectExistsException.class, () -> client.putObject(bucket, "no-overwrite", f, PutOptions.defaults()));
    assertThrows(ObjectExistsException.class,
        () -> client.putObject(bucket, "no-overwrite", new ByteArrayInputStream(new byte[] {3}), 1, PutOptions.defaults()));
    assertArrayEquals(first, client.getObjectBytes(bucket, "no-overwrite"));
    byte[] second = "second".getBytes(StandardCharsets.UTF_8);
    client.putObject(bucket, "no-overwrite", second, PutOptions.builder().overwrite(true).build());
    assertArrayEquals(second, client.getObjectBytes(bucket, "no-overwrite"));
  }

  @Test
  void streamsFilesRangesAndListing(@TempDir Path dir) throws Exception {
    byte[] data = new byte[1_000_000];
    new Random(5).nextBytes(data);
    Path f = dir.resolve("data");
    Files.write(f, data);
    assertEquals(md5Hex(data), client.putObject(bucket, "list/file", f, PutOptions.defaults()));
    assertEquals(md5Hex(data), client.putObject(bucket, "list/stream", new ByteArrayInputStream(data), data.length, PutOptions.defaults()));
    try (InputStream in = client.getObjectRange(bucket, "list/stream", 123_456, 1000)) {
      assertArrayEquals(java.util.Arrays.copyOfRange(data, 123_456, 124_456), in.readAllBytes());
    }
    for (int i = 0; i < 5; i++) {
      client.putObject(bucket, "list/sub/" + i, new byte[] {(byte) i});
    }
    assertEquals(List.of("list/file", "list/stream", "list/sub/0", "list/sub/1", "list/sub/2", "list/sub/3", "list/sub/4"),
        client.list(bucket, ListOptions.prefix("list/").withPageSize(2)).map(ListEntry::key).collect(Collectors.toList()));
    assertEquals(List.of("list/file", "list/stream", "list/sub/"),
        client.list(bucket, ListOptions.prefix("list/").withDelimiter("/").withPageSize(2)).map(ListEntry::key).collect(Collectors.toList()));
    String copyTag = client.copyObject(bucket, "list/file", bucket, "list-copy", PutOptions.defaults());
    assertEquals(md5Hex(data), copyTag); // RGW returns the copy's ETag unquoted; ours is unquoted either way
    assertThrows(ObjectExistsException.class, () -> client.copyObject(bucket, "list/file", bucket, "list-copy", PutOptions.defaults()));
  }

  @Test
  void multipartEtagComesFromHead() {
    String key = "multipart";
    String uploadId = client.s3().createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    byte[] part = new byte[5 * 1024 * 1024];
    String partTag = client.s3().uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(1), RequestBody.fromBytes(part)).eTag();
    String completeTag =
        client.s3()
            .completeMultipartUpload(
                r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(partTag).build())))
            .eTag();
    ObjectInfo info = client.headObject(bucket, key);
    assertTrue(info.eTag().endsWith("-1"), info.eTag());
    assertFalse(info.eTag().startsWith("\""), info.eTag());
    // ceph-rgw-notes.md: CompleteMultipartUpload returns an empty ETag on RGW 16
    assertTrue(completeTag == null || completeTag.isEmpty() || completeTag.replace("\"", "").equals(info.eTag()), completeTag);
    System.out.println("[rgw] CompleteMultipartUpload ETag: '" + completeTag + "', HEAD ETag: '" + info.eTag() + "'");
  }

  @Test
  void publicReadAndPrivate() throws Exception {
    client.putObject(bucket, "public/a b.txt", "hello".getBytes(StandardCharsets.UTF_8));
    // On a tenanted RGW anonymous requests address the bucket as <tenant>:<bucket>.
    URI url = client.publicUrl(owner.id() + ":" + bucket, "public/a b.txt");
    assertEquals(403, anonymousGet(url));
    client.setObjectAcl(bucket, "public/a b.txt", CannedAcl.PUBLIC_READ);
    assertEquals(200, anonymousGet(url));
    client.setObjectAcl(bucket, "public/a b.txt", CannedAcl.PRIVATE);
    assertEquals(403, anonymousGet(url));
    assertEquals(RgwEnv.endpoint() + "/" + bucket + "/public/a%20b.txt", client.publicUrl(bucket, "public/a b.txt").toString());
  }

  @Test
  void deleteRefusesNonEmptyAndForcedDeleteEmptiesFirst() {
    String b = RgwEnv.uniqueBucket("delete");
    BUCKETS.add(b);
    assertTrue(client.createBucket(b));
    assertFalse(client.createBucket(b));
    for (int i = 0; i < 1005; i++) { // more than one DeleteObjects batch
      client.putObject(b, "k" + i, new byte[] {1});
    }
    client.s3().createMultipartUpload(r -> r.bucket(b).key("in-flight"));
    assertThrows(BucketNotEmptyException.class, () -> client.deleteBucket(b));
    assertEquals(1005, client.deleteBucketAndAllObjects(b));
    assertFalse(client.bucketExists(b));
  }

  @Test
  void missingThingsAreTyped() {
    assertThrows(NoSuchObjectException.class, () -> client.headObject(bucket, "missing"));
    assertThrows(NoSuchObjectException.class, () -> client.getObject(bucket, "missing"));
    assertThrows(NoSuchBucketException.class, () -> client.getObject(RgwEnv.uniqueBucket("missing"), "k"));
    assertFalse(client.bucketExists(RgwEnv.uniqueBucket("missing")));
  }

  static int anonymousGet(URI url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
    try {
      return c.getResponseCode();
    } finally {
      c.disconnect();
    }
  }
}
