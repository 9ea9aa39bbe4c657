package io.github.c4gh.bridge;

import static io.github.c4gh.bridge.Fixtures.ALICE;
import static io.github.c4gh.bridge.Fixtures.BOB;
import static io.github.c4gh.bridge.Fixtures.MIB;
import static io.github.c4gh.bridge.Fixtures.decrypt;
import static io.github.c4gh.bridge.Fixtures.decryptor;
import static io.github.c4gh.bridge.Fixtures.encryptor;
import static io.github.c4gh.bridge.Fixtures.exists;
import static io.github.c4gh.bridge.Fixtures.getObject;
import static io.github.c4gh.bridge.Fixtures.inFlightUploads;
import static io.github.c4gh.bridge.Fixtures.key;
import static io.github.c4gh.bridge.Fixtures.publicKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.bridge.FaultProxy.RequestHead;
import io.github.c4gh.bridge.FaultProxy.Rule;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads, downloads and re-keying through {@link FaultProxy}: transient faults (500, 503, resets in
 * the middle of a body, stalls) are survived with the right bytes; permanent ones fail with an error
 * that says what failed and leave no object and no multipart upload behind.
 */
class FaultTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String BUCKET = "faults";
  static final Crypt4ghEncryptor ENCRYPTOR = encryptor(ALICE, BOB);
  static final UploadOptions PARTS = UploadOptions.builder().partSize(5 * MIB).partsInFlight(3).build();
  static FaultProxy proxy;
  static S3Client direct;
  static S3Client faulty;
  static AllasCrypt4gh bridge;

  @BeforeAll
  static void setUp() throws IOException {
    proxy = new FaultProxy(S3.endpoint());
    direct = TestS3.client(S3.endpoint(), S3.accessKey(), S3.secretKey(), null);
    direct.createBucket(b -> b.bucket(BUCKET));
    // a short socket timeout so stalls end quickly; two SDK attempts, then the bridge's own retries
    faulty = TestS3.client(proxy.endpoint(), S3.accessKey(), S3.secretKey(), null, Duration.ofSeconds(2), 2);
    bridge = AllasCrypt4gh.builder()
        .s3Client(faulty)
        .attempts(4)
        .retryBackoff(Duration.ofMillis(20))
        .attemptTimeout(Duration.ofSeconds(3), 10L * MIB)
        .build();
  }

  @AfterAll
  static void tearDown() throws IOException {
    faulty.close();
    direct.close();
    proxy.close();
  }

  @AfterEach
  void noFaultsLeft() {
    proxy.clearRules();
    assertEquals(0, inFlightUploads(direct, BUCKET), "no multipart upload may be left behind");
  }

  static UploadResult upload(String key, long size, long seed, UploadOptions options) throws IOException {
    try (InputStream in = TestData.stream(seed, size)) {
      return bridge.upload(BUCKET, key, ENCRYPTOR, in, options);
    }
  }

  static void assertStored(String key, long size, long seed) throws IOException {
    byte[] object = getObject(direct, BUCKET, key);
    assertArrayEquals(TestData.bytes(seed, 0, (int) size), decrypt(object, BOB));
  }

  // ---------------------------------------------------------------------------------------------
  // transient faults

  @Test
  void uploadSurvivesServerErrorsOnParts() throws IOException {
    Rule r500 = proxy.add(Rule.error(RequestHead::isUploadPart, 500, 3));
    Rule r503 = proxy.add(Rule.error(RequestHead::isUploadPart, 503, 2));
    String key = key("5xx");
    long size = 17L * MIB + 99;
    UploadResult r = upload(key, size, 1, PARTS);
    assertEquals(4, r.parts());
    assertEquals(3, r500.hits());
    assertEquals(2, r503.hits());
    assertStored(key, size, 1);
  }

  @Test
  void uploadSurvivesConnectionResetsInTheMiddleOfPartBodies() throws IOException {
    Rule reset = proxy.add(Rule.resetRequestBody(RequestHead::isUploadPart, MIB, 3));
    String key = key("reset-part");
    long size = 12L * MIB;
    upload(key, size, 2, PARTS);
    assertEquals(3, reset.hits());
    assertStored(key, size, 2);
  }

  @Test
  void uploadSurvivesAStalledPart() throws IOException {
    Rule stall = proxy.add(Rule.stall(RequestHead::isUploadPart, 30_000, 1));
    String key = key("stall-part");
    long size = 11L * MIB;
    upload(key, size, 3, PARTS);
    assertEquals(1, stall.hits());
    assertStored(key, size, 3);
  }

  @Test
  void uploadSurvivesAServerThatStopsReadingAPart() throws IOException {
    Rule stall = proxy.add(Rule.stallUnread(RequestHead::isUploadPart, 60_000, 1));
    String key = key("stall-unread");
    long size = 11L * MIB;
    long start = System.nanoTime();
    upload(key, size, 3, PARTS);
    assertEquals(1, stall.hits());
    assertTrue(System.nanoTime() - start < 30_000_000_000L, "the attempt timeout ended the stall");
    assertStored(key, size, 3);
  }

  @Test
  void uploadSurvivesFaultsOnCreateCompleteAndHead() throws IOException {
    Rule create = proxy.add(Rule.error(h -> h.method().equals("POST") && h.target().contains("uploads"), 503, 2));
    Rule complete = proxy.add(Rule.error(RequestHead::isCompleteMultipart, 500, 2));
    Rule head = proxy.add(Rule.error(h -> h.method().equals("HEAD"), 503, 2));
    String key = key("control");
    long size = 6L * MIB;
    upload(key, size, 4, PARTS);
    assertEquals(2, create.hits());
    assertEquals(2, complete.hits());
    assertEquals(2, head.hits());
    assertStored(key, size, 4);
  }

  @Test
  void singlePutSurvivesErrorsAndResets() throws IOException {
    Rule err = proxy.add(Rule.error(RequestHead::isPutObject, 500, 2));
    Rule reset = proxy.add(Rule.resetRequestBody(RequestHead::isPutObject, 100_000, 2));
    String key = key("put");
    upload(key, 1_000_000, 5, UploadOptions.defaults());
    assertEquals(2, err.hits());
    assertEquals(2, reset.hits());
    assertStored(key, 1_000_000, 5);
  }

  @Test
  void downloadsResumeBodiesThatBreakOff() throws IOException {
    String key = key("download");
    int size = 9 * MIB + 3;
    upload(key, size, 6, UploadOptions.defaults());
    byte[] expected = TestData.bytes(6, 0, size);
    Rule reset = proxy.add(Rule.resetResponseBody(RequestHead::isGet, 300_000, 4));
    Rule err = proxy.add(Rule.error(RequestHead::isGet, 503, 2));
    DownloadOptions options = DownloadOptions.builder().rangeSize(2 * MIB).parallelRanges(3).build();
    try (InputStream in = bridge.newDecryptingStream(BUCKET, key, decryptor(ALICE), options)) {
      assertArrayEquals(expected, in.readAllBytes());
    }
    assertEquals(4, reset.hits());
    assertEquals(2, err.hits());

    Rule reset2 = proxy.add(Rule.resetResponseBody(RequestHead::isGet, 50_000, 3));
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, key, decryptor(ALICE))) {
      for (long p : new long[] {0, 4L * MIB + 65_000, 8L * MIB, size - 1000}) {
        ByteBuffer buf = ByteBuffer.allocate(1000);
        ch.position(p);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
        assertArrayEquals(java.util.Arrays.copyOfRange(expected, (int) p, (int) p + 1000), buf.array(), "at " + p);
      }
    }
    assertEquals(3, reset2.hits());
  }

  @Test
  void downloadsSurviveAStalledResponse() throws IOException {
    String key = key("stall-get");
    int size = 3 * MIB;
    upload(key, size, 7, UploadOptions.defaults());
    Rule stall = proxy.add(Rule.stall(RequestHead::isGet, 30_000, 1));
    try (InputStream in = bridge.newDecryptingStream(BUCKET, key, decryptor(ALICE))) {
      assertArrayEquals(TestData.bytes(7, 0, size), in.readAllBytes());
    }
    assertEquals(1, stall.hits());
  }

  @Test
  void rekeyingSurvivesCopyFaults() throws IOException {
    String key = key("rekey");
    long size = 14L * MIB;
    upload(key, size, 8, UploadOptions.defaults());
    Rule err = proxy.add(Rule.error(RequestHead::isUploadPartCopy, 500, 2));
    bridge.rekey(BUCKET, key, ALICE, publicKeys(Fixtures.CAROL), RekeyOptions.builder().copyPartSize(5 * MIB).build());
    assertEquals(2, err.hits());
    assertArrayEquals(TestData.bytes(8, 0, (int) size), decrypt(getObject(direct, BUCKET, key), Fixtures.CAROL));
  }

  // ---------------------------------------------------------------------------------------------
  // permanent faults

  @Test
  void aPartThatAlwaysFailsFailsTheUploadAndLeavesNothing() {
    proxy.add(Rule.error(h -> h.isUploadPart() && h.target().contains("partNumber=2&") || h.isUploadPart() && h.target().endsWith("partNumber=2"),
        500, -1));
    String key = key("permanent-part");
    StorageException e = assertThrows(StorageException.class, () -> upload(key, 16L * MIB, 9, PARTS));
    assertEquals("UploadPart", e.operation());
    assertEquals(2, e.partNumber());
    assertEquals(500, e.statusCode());
    assertEquals("InternalError", e.errorCode());
    assertEquals(BUCKET, e.bucket());
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains("UploadPart 2 of " + BUCKET + "/" + key + " failed: HTTP 500 InternalError"), e.getMessage());
    assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
    assertFalse(exists(direct, BUCKET, key));
  }

  @Test
  void aConnectionThatAlwaysBreaksFailsTheUploadAndLeavesNothing() {
    proxy.add(Rule.resetRequestBody(RequestHead::isUploadPart, 10_000, -1));
    String key = key("permanent-reset");
    StorageException e = assertThrows(StorageException.class, () -> upload(key, 6L * MIB, 10, PARTS));
    assertEquals("UploadPart", e.operation());
    assertEquals(0, e.statusCode());
    assertTrue(e.getMessage().startsWith("UploadPart "), e.getMessage());
    assertFalse(exists(direct, BUCKET, key));
  }

  @Test
  void aCompleteThatAlwaysFailsLeavesNothing() {
    proxy.add(Rule.error(RequestHead::isCompleteMultipart, 503, -1));
    String key = key("permanent-complete");
    StorageException e = assertThrows(StorageException.class, () -> upload(key, 11L * MIB, 11, PARTS));
    assertEquals("CompleteMultipartUpload", e.operation());
    assertEquals(503, e.statusCode());
    assertFalse(exists(direct, BUCKET, key));
  }

  @Test
  void aSinglePutThatAlwaysFailsLeavesNothing() {
    proxy.add(Rule.error(RequestHead::isPutObject, 500, -1));
    String key = key("permanent-put");
    StorageException e = assertThrows(StorageException.class, () -> upload(key, 1000, 12, UploadOptions.defaults()));
    assertEquals("PutObject", e.operation());
    assertEquals(500, e.statusCode());
    assertFalse(exists(direct, BUCKET, key));
  }

  @Test
  void aDownloadThatAlwaysFailsSaysWhichRange() throws IOException {
    String key = key("permanent-get");
    upload(key, 5L * MIB, 13, UploadOptions.defaults());
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, key, decryptor(ALICE))) {
      proxy.add(Rule.error(RequestHead::isGet, 500, -1));
      StorageException e = assertThrows(StorageException.class, () -> ch.position(3L * MIB).read(ByteBuffer.allocate(10)));
      assertEquals("GetObject", e.operation());
      assertEquals(500, e.statusCode());
      assertTrue(e.getMessage().contains("GetObject " + BUCKET + "/" + key + " bytes="), e.getMessage());
    }
  }

  @Test
  void aRekeyingWhoseCopiesAlwaysFailLeavesTheObjectAsItWas() throws IOException {
    String key = key("permanent-copy");
    long size = 12L * MIB;
    upload(key, size, 14, UploadOptions.defaults());
    byte[] before = getObject(direct, BUCKET, key);
    proxy.add(Rule.error(RequestHead::isUploadPartCopy, 500, -1));
    StorageException e =
        assertThrows(StorageException.class, () -> bridge.rekey(BUCKET, key, ALICE, publicKeys(Fixtures.CAROL), RekeyOptions.defaults()));
    assertEquals("UploadPartCopy", e.operation());
    assertEquals(2, e.partNumber());
    assertArrayEquals(before, getObject(direct, BUCKET, key));
  }

  @Test
  void nothingIsLeftWhenEveryRequestFails() {
    proxy.add(Rule.error(h -> !h.method().equals("DELETE"), 503, -1));
    String key = key("all-fail");
    StorageException e = assertThrows(StorageException.class, () -> upload(key, 6L * MIB, 15, PARTS));
    assertEquals("HeadObject", e.operation()); // the overwrite check is the first request
    proxy.clearRules();
    assertFalse(exists(direct, BUCKET, key));
    assertTrue(proxy.faults() > 0);
  }
}
