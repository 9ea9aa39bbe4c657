package io.github.c4gh.bridge;

import static io.github.c4gh.bridge.Fixtures.ALICE;
import static io.github.c4gh.bridge.Fixtures.BOB;
import static io.github.c4gh.bridge.Fixtures.CAROL;
import static io.github.c4gh.bridge.Fixtures.MIB;
import static io.github.c4gh.bridge.Fixtures.decrypt;
import static io.github.c4gh.bridge.Fixtures.encryptor;
import static io.github.c4gh.bridge.Fixtures.exists;
import static io.github.c4gh.bridge.Fixtures.getObject;
import static io.github.c4gh.bridge.Fixtures.inFlightUploads;
import static io.github.c4gh.bridge.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.NoDataKeyException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

/** Encrypting uploads against S3Proxy: single PUT and multipart, no-overwrite, abort, progress, memory. */
class UploadTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String BUCKET = "uploads";
  static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  static final RequestLog LOG = new RequestLog();
  static S3Client s3;
  static AllasCrypt4gh bridge;
  static final Crypt4ghEncryptor TO_ALICE_AND_BOB = encryptor(ALICE, BOB);
  static final UploadOptions SMALL_PARTS = UploadOptions.builder().partSize(5 * MIB).build();

  @BeforeAll
  static void setUp() {
    s3 = TestS3.client(S3.endpoint(), S3.accessKey(), S3.secretKey(), LOG);
    s3.createBucket(b -> b.bucket(BUCKET));
    bridge = AllasCrypt4gh.builder().s3Client(s3).retryBackoff(Duration.ofMillis(10)).build();
  }

  @AfterAll
  static void tearDown() {
    if (s3 != null) {
      s3.close();
    }
  }

  @BeforeEach
  void clearLog() {
    LOG.clear();
  }



  static UploadResult upload(String key, long size, long seed, UploadOptions options) throws IOException {
    try (InputStream in = TestData.stream(seed, size)) {
      return bridge.upload(BUCKET, key, TO_ALICE_AND_BOB, in, options);
    }
  }

  static void assertRoundTrip(String key, long size, long seed) throws IOException {
    byte[] object = getObject(s3, BUCKET, key);
    assertEquals(TO_ALICE_AND_BOB.encryptedSize(size), object.length);
    assertArrayEquals(TestData.bytes(seed, 0, (int) size), decrypt(object, ALICE));
    assertArrayEquals(TestData.bytes(seed, 0, (int) size), decrypt(object, BOB));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 65_535, 65_536, 65_537, 3 * 65_536 - 1, 1 << 20})
  void smallObjectsGoInOneConditionalPut(int size) throws IOException {
    String key = key("small");
    EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, UploadOptions.defaults());
    try (up; InputStream in = TestData.stream(size, size)) {
      in.transferTo(up);
    }
    UploadResult r = up.result();
    long blocks = (r.objectBytes() + io.github.c4gh.bridge.internal.PartBuffer.BLOCK - 1) / io.github.c4gh.bridge.internal.PartBuffer.BLOCK;
    assertEquals(blocks * io.github.c4gh.bridge.internal.PartBuffer.BLOCK, up.sink().pool().peakHeldBytes(), "a small object holds no whole part");
    assertEquals(0, r.parts());
    assertEquals(size, r.plaintextBytes());
    assertEquals(TO_ALICE_AND_BOB.encryptedSize(size), r.objectBytes());
    assertEquals(1, LOG.count("PutObject"), LOG.toString());
    assertEquals(0, LOG.count("CreateMultipartUpload"));
    RequestLog.Entry put = LOG.entries("PutObject").get(0);
    assertEquals(List.of("*"), put.requestHeaders().get("If-None-Match"));
    assertNotNull(put.requestHeaders().get("Content-MD5"));
    assertFalse(put.requestHeaders().containsKey("x-amz-acl"));
    assertRoundTrip(key, size, size);
  }

  @Test
  void unknownLengthMultipartCutsPartsOnSegmentBoundaries() throws IOException {
    String key = key("multi");
    long size = 17L * MIB + 12_345;
    UploadResult r = upload(key, size, 7, SMALL_PARTS);
    long header = TO_ALICE_AND_BOB.headerLength();
    long objectBytes = TO_ALICE_AND_BOB.encryptedSize(size);
    long perPart = 80L * CSEG; // 5 MiB rounded up to whole segments
    int parts = (int) ((objectBytes - header + perPart - 1) / perPart);
    assertEquals(parts, r.parts());
    assertEquals(objectBytes, r.objectBytes());
    List<RequestLog.Entry> uploads = LOG.entries("UploadPart");
    assertEquals(parts, uploads.size());
    long total = 0;
    for (RequestLog.Entry e : uploads) {
      total += e.payloadBytes();
      assertNotNull(e.requestHeaders().get("Content-MD5"));
    }
    assertEquals(objectBytes, total);
    List<Long> sizes = uploads.stream().map(RequestLog.Entry::payloadBytes).sorted().toList();
    assertEquals(header + perPart, sizes.get(sizes.size() - 1)); // part 1: header + 80 segments
    assertEquals(perPart, sizes.get(sizes.size() - 2)); // middle parts: 80 segments
    assertTrue(r.eTag().endsWith("-" + parts), r.eTag());
    assertEquals(1, LOG.count("CompleteMultipartUpload"));
    assertRoundTrip(key, size, 7);
  }

  @Test
  void knownLengthChoosesPartSizeUpFront() throws IOException {
    String key = key("known");
    long size = 12L * MIB + 1;
    UploadResult r = upload(key, size, 8, SMALL_PARTS.copy(b -> b.expectedLength(size)));
    assertEquals(3, r.parts());
    assertRoundTrip(key, size, 8);
  }

  @Test
  void objectOfExactlyOnePartIsOnePutAndTwoFullPartsAreTwoParts() throws IOException {
    // plaintext that fills part 1 exactly: 80 full segments
    long onePart = 80L * SegmentLayout.SEGMENT_SIZE;
    String k1 = key("exact1");
    assertEquals(0, upload(k1, onePart, 9, SMALL_PARTS).parts());
    assertRoundTrip(k1, onePart, 9);
    String k2 = key("exact2");
    UploadResult r = upload(k2, 2 * onePart, 10, SMALL_PARTS);
    assertEquals(2, r.parts());
    assertEquals(2, LOG.count("UploadPart"));
    assertRoundTrip(k2, 2 * onePart, 10);
  }

  @Test
  void everyRecipientCanDecryptAndOthersCannot() throws IOException {
    String key = key("recipients");
    long size = 6L * MIB;
    Crypt4ghEncryptor three = encryptor(ALICE, BOB, CAROL);
    try (InputStream in = TestData.stream(11, size)) {
      bridge.upload(BUCKET, key, three, in, SMALL_PARTS);
    }
    byte[] object = getObject(s3, BUCKET, key);
    byte[] expected = TestData.bytes(11, 0, (int) size);
    assertArrayEquals(expected, decrypt(object, ALICE));
    assertArrayEquals(expected, decrypt(object, BOB));
    assertArrayEquals(expected, decrypt(object, CAROL));
    assertThrows(NoDataKeyException.class, () -> decrypt(object, io.github.c4gh.crypt4gh.Crypt4ghPrivateKey.generate()));
  }

  @Test
  void parallelSealingGivesTheSameLayout() throws IOException {
    String key = key("parallel");
    long size = 11L * MIB + 3;
    Crypt4ghEncryptor parallel = Crypt4ghEncryptor.builder().recipient(ALICE.publicKey()).recipient(BOB.publicKey()).parallelism(3).build();
    UploadResult r;
    try (InputStream in = TestData.stream(12, size)) {
      r = bridge.upload(BUCKET, key, parallel, in, SMALL_PARTS);
    }
    assertEquals(3, r.parts());
    assertRoundTrip(key, size, 12);
  }

  @Test
  void writesThroughTheChannelView(@TempDir Path dir) throws IOException {
    String key = key("channel");
    int size = 7 * MIB + 5;
    byte[] data = TestData.bytes(13, 0, size);
    try (EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, SMALL_PARTS)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ByteBuffer slice = b.slice();
        slice.limit(Math.min(slice.remaining(), 10_007));
        b.position(b.position() + up.write(slice));
      }
      up.write(new byte[0]);
    }
    assertRoundTrip(key, size, 13);
    // and a file, whose size becomes the expected length
    Path file = dir.resolve("in.bin");
    Files.write(file, data);
    String k2 = key("file");
    UploadResult r = bridge.upload(BUCKET, k2, TO_ALICE_AND_BOB, file, SMALL_PARTS);
    assertEquals(2, r.parts());
    assertRoundTrip(k2, size, 13);
  }

  @Test
  void refusesToOverwriteWithSinglePut() throws IOException {
    String key = key("exists-put");
    upload(key, 1000, 1, UploadOptions.defaults());
    byte[] before = getObject(s3, BUCKET, key);
    TargetExistsException e = assertThrows(TargetExistsException.class, () -> upload(key, 2000, 2, UploadOptions.defaults()));
    assertEquals(412, e.statusCode());
    assertTrue(e.getMessage().contains(BUCKET + "/" + key), e.getMessage());
    assertArrayEquals(before, getObject(s3, BUCKET, key));
    UploadResult r = upload(key, 2000, 2, UploadOptions.builder().overwrite(true).build());
    assertEquals(2000, r.plaintextBytes());
    assertRoundTrip(key, 2000, 2);
    assertFalse(LOG.entries("PutObject").get(LOG.entries("PutObject").size() - 1).requestHeaders().containsKey("If-None-Match"));
  }

  @Test
  void refusesToOverwriteWithMultipartBeforeStarting() throws IOException {
    String key = key("exists-mpu");
    upload(key, 1000, 1, UploadOptions.defaults());
    assertThrows(TargetExistsException.class, () -> upload(key, 11L * MIB, 2, SMALL_PARTS));
    assertEquals(0, LOG.count("CreateMultipartUpload"));
    assertEquals(0, inFlightUploads(s3, BUCKET));
    assertRoundTrip(key, 1000, 1);
  }

  @Test
  void refusesToOverwriteAnObjectThatAppearedDuringTheUpload() throws IOException {
    String key = key("race");
    EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, SMALL_PARTS);
    byte[] chunk = TestData.bytes(3, 0, MIB);
    for (int i = 0; i < 11; i++) {
      up.write(chunk);
    }
    assertEquals(1, LOG.count("CreateMultipartUpload"));
    s3.putObject(b -> b.bucket(BUCKET).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString("someone else's"));
    TargetExistsException e = assertThrows(TargetExistsException.class, up::close);
    assertTrue(e.getMessage().contains("before completing"), e.getMessage());
    assertEquals("someone else's", new String(getObject(s3, BUCKET, key), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(0, inFlightUploads(s3, BUCKET));
    assertEquals(1, LOG.count("AbortMultipartUpload"));
  }

  @Test
  void abortLeavesNoObjectAndNoUpload() throws IOException {
    String key = key("abort");
    try (EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, SMALL_PARTS)) {
      byte[] chunk = TestData.bytes(4, 0, MIB);
      for (int i = 0; i < 12; i++) {
        up.write(chunk);
      }
      up.abort();
      assertThrows(IOException.class, () -> up.write(chunk));
    }
    assertFalse(exists(s3, BUCKET, key));
    assertEquals(0, inFlightUploads(s3, BUCKET));
    assertEquals(1, LOG.count("AbortMultipartUpload"));
    assertEquals(0, LOG.count("CompleteMultipartUpload"));
  }

  @Test
  void failingSourceAbortsTheUpload() {
    String key = key("source-fails");
    IOException e = assertThrows(IOException.class,
        () -> bridge.upload(BUCKET, key, TO_ALICE_AND_BOB, Fixtures.failingAfter(5, 13L * MIB), SMALL_PARTS));
    assertEquals("disk on fire", e.getMessage());
    assertFalse(exists(s3, BUCKET, key));
    assertEquals(0, inFlightUploads(s3, BUCKET));
    // the multipart upload was under way (created synchronously once the second part began) and
    // was aborted; whether a part had been sent by then depends on thread timing
    assertEquals(1, LOG.count("CreateMultipartUpload"));
    assertEquals(1, LOG.count("AbortMultipartUpload"));
    assertEquals(0, LOG.count("CompleteMultipartUpload"));
  }

  @Test
  void fewerBytesThanExpectedAbortsAndMoreFailsAtOnce() throws IOException {
    String key = key("short");
    UploadOptions expect = SMALL_PARTS.copy(b -> b.expectedLength(12L * MIB));
    EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, expect);
    byte[] chunk = TestData.bytes(6, 0, MIB);
    for (int i = 0; i < 11; i++) {
      up.write(chunk);
    }
    IOException e = assertThrows(IOException.class, up::close);
    assertTrue(e.getMessage().contains("11534336 of the 12582912"), e.getMessage());
    assertFalse(exists(s3, BUCKET, key));
    assertEquals(0, inFlightUploads(s3, BUCKET));

    String k2 = key("long");
    EncryptingUpload up2 = bridge.newUpload(BUCKET, k2, TO_ALICE_AND_BOB, UploadOptions.builder().expectedLength(10).build());
    up2.write(new byte[10]);
    assertThrows(IOException.class, () -> up2.write(new byte[1]));
    assertThrows(IOException.class, up2::close);
    assertFalse(exists(s3, BUCKET, k2));
  }

  @Test
  void closingOnAnInterruptedThreadCancels() throws IOException {
    String key = key("interrupted");
    EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, SMALL_PARTS);
    up.write(TestData.bytes(7, 0, 6 * MIB));
    Thread.currentThread().interrupt();
    try {
      assertThrows(java.io.InterruptedIOException.class, up::close);
    } finally {
      Thread.interrupted();
    }
    assertFalse(exists(s3, BUCKET, key));
    assertEquals(0, inFlightUploads(s3, BUCKET));
  }

  @Test
  void progressIsMonotonicAndEndsAtTheTotals() throws IOException {
    String key = key("progress");
    long size = 16L * MIB + 77;
    List<TransferProgress> seen = new ArrayList<>();
    UploadResult r = upload(key, size, 14, SMALL_PARTS.copy(b -> b.expectedLength(size).progressListener(seen::add)));
    assertTrue(seen.size() > 10, "snapshots: " + seen.size());
    TransferProgress prev = new TransferProgress(0, 0, 0, 0, r.objectBytes());
    for (TransferProgress p : seen) {
      assertTrue(p.plaintextBytes() >= prev.plaintextBytes() && p.encryptedBytes() >= prev.encryptedBytes()
          && p.uploadedBytes() >= prev.uploadedBytes() && p.partsDone() >= prev.partsDone(), p + " after " + prev);
      assertEquals(r.objectBytes(), p.expectedObjectBytes());
      prev = p;
    }
    TransferProgress last = seen.get(seen.size() - 1);
    assertEquals(new TransferProgress(size, r.objectBytes(), r.objectBytes(), r.parts(), r.objectBytes()), last);
  }

  @Test
  void memoryIsBoundedByPartsInFlight() throws IOException {
    String key = key("memory");
    UploadOptions options = SMALL_PARTS.copy(b -> b.partsInFlight(2));
    EncryptingUpload up = bridge.newUpload(BUCKET, key, TO_ALICE_AND_BOB, options);
    byte[] chunk = TestData.bytes(15, 0, MIB);
    for (int i = 0; i < 48; i++) {
      up.write(chunk);
    }
    up.close();
    long partBytes = up.sink().sizer().partBytes(1);
    long blocks = (partBytes + io.github.c4gh.bridge.internal.PartBuffer.BLOCK - 1) / io.github.c4gh.bridge.internal.PartBuffer.BLOCK;
    assertTrue(up.sink().pool().peakOutstanding() <= 3, "buffers out at once: " + up.sink().pool().peakOutstanding());
    assertTrue(up.sink().pool().created() <= 3, "buffers created: " + up.sink().pool().created());
    assertTrue(up.sink().pool().peakHeldBytes() <= 3 * blocks * io.github.c4gh.bridge.internal.PartBuffer.BLOCK,
        "bytes held: " + up.sink().pool().peakHeldBytes());
    assertEquals(10, up.result().parts());
  }

  /** S3Proxy answers 501 to {@code bucket-owner-full-control}: record the header, then drop it before signing. */
  static final class AclRecorder implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
    final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public software.amazon.awssdk.http.SdkHttpRequest modifyHttpRequest(
        software.amazon.awssdk.core.interceptor.Context.ModifyHttpRequest context,
        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
      var req = context.httpRequest();
      req.firstMatchingHeader("x-amz-acl").ifPresent(a -> seen.add(
          attributes.getAttribute(software.amazon.awssdk.core.interceptor.SdkExecutionAttribute.OPERATION_NAME) + " " + a));
      return req.toBuilder().removeHeader("x-amz-acl").build();
    }
  }

  @Test
  void bucketOwnerFullControlWhenAskedOrForTenantBuckets() throws IOException {
    AclRecorder acl = new AclRecorder();
    try (S3Client recording = S3Client.builder()
        .endpointOverride(S3.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3.accessKey(), S3.secretKey())))
        .forcePathStyle(true)
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(acl))
        .build()) {
      AllasCrypt4gh b = AllasCrypt4gh.create(recording);
      try (InputStream in = TestData.stream(1, 100)) {
        b.upload(BUCKET, key("acl"), TO_ALICE_AND_BOB, in, UploadOptions.builder().bucketOwnerFullControl(true).build());
      }
      try (InputStream in = TestData.stream(1, 6L * MIB)) {
        b.upload(BUCKET, key("acl-mpu"), TO_ALICE_AND_BOB, in, SMALL_PARTS.copy(o -> o.bucketOwnerFullControl(true)));
      }
      try (InputStream in = TestData.stream(1, 100)) {
        b.upload(BUCKET, key("no-acl"), TO_ALICE_AND_BOB, in, UploadOptions.defaults());
      }
    }
    assertEquals(List.of("PutObject bucket-owner-full-control", "CreateMultipartUpload bucket-owner-full-control"), acl.seen);
    assertTrue(UploadOptions.defaults().sendsBucketOwnerFullControl("c4c4000000000000000000000200011a:inbox"));
    assertFalse(UploadOptions.defaults().sendsBucketOwnerFullControl("inbox"));
    assertFalse(UploadOptions.builder().bucketOwnerFullControl(false).build().sendsBucketOwnerFullControl("t:inbox"));
    assertTrue(RekeyOptions.defaults().sendsBucketOwnerFullControl("t:inbox"));
  }

  @Test
  void contentTypeAndMetadataAreStored() throws IOException {
    String key = key("meta");
    upload(key, 6L * MIB, 1, SMALL_PARTS.copy(b -> b.contentType("application/x-crypt4gh").metadata("purpose", "test")));
    var head = s3.headObject(b -> b.bucket(BUCKET).key(key));
    assertEquals("application/x-crypt4gh", head.contentType());
    assertEquals(Map.of("purpose", "test"), head.metadata());
  }

  @Test
  void worksThroughAnAllasClient() throws IOException {
    try (AllasClient allas = S3.newClient()) {
      AllasCrypt4gh viaAllas = AllasCrypt4gh.create(allas);
      String key = key("allas");
      try (InputStream in = TestData.stream(16, 6L * MIB)) {
        assertEquals(2, viaAllas.upload(BUCKET, key, TO_ALICE_AND_BOB, in, SMALL_PARTS).parts());
      }
      try (InputStream in = viaAllas.newDecryptingStream(BUCKET, key, Fixtures.decryptor(BOB))) {
        assertArrayEquals(TestData.bytes(16, 0, 6 * MIB), in.readAllBytes());
      }
    }
  }
}
