package io.github.c4gh.bridge;

import io.github.c4gh.allas.testing.RgwEnv;
import static io.github.c4gh.bridge.Fixtures.ALICE;
import static io.github.c4gh.bridge.Fixtures.BOB;
import static io.github.c4gh.bridge.Fixtures.CAROL;
import static io.github.c4gh.bridge.Fixtures.MIB;
import static io.github.c4gh.bridge.Fixtures.decryptor;
import static io.github.c4gh.bridge.Fixtures.encryptor;
import static io.github.c4gh.bridge.Fixtures.publicKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.FaultProxy.RequestHead;
import io.github.c4gh.bridge.FaultProxy.Rule;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.NoDataKeyException;
import io.github.c4gh.crypt4gh.ReencryptOptions;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bridge against a real Ceph RGW (the server Allas runs): multipart and single uploads, ranged
 * reads with request counts, server-side re-keying with transfer sizes, a producer uploading into
 * the owner's shared bucket, and transient faults.
 */
class RgwBridgeIT {
  static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  static final int SEG = SegmentLayout.SEGMENT_SIZE;
  static final RequestLog LOG = new RequestLog();
  static final Crypt4ghEncryptor ENCRYPTOR = encryptor(ALICE, BOB);
  static final UploadOptions PARTS = UploadOptions.builder().partSize(5 * MIB).build();

  static RgwEnv.Project ownerProject;
  static RgwEnv.Project producerProject;
  static AllasClient owner;
  static AllasClient producer;
  static S3Client ownerS3;
  static AllasCrypt4gh bridge;
  static String bucket;

  @BeforeAll
  static void setUp() {
    ownerProject = RgwEnv.project("OWNER");
    producerProject = RgwEnv.project("PRODUCER");
    owner = ownerProject.client();
    producer = producerProject.client();
    ownerS3 = TestS3.client(RgwEnv.endpoint(), ownerProject.accessKey(), ownerProject.secretKey(), LOG);
    bucket = RgwEnv.uniqueBucket("bridge-main");
    assertTrue(owner.createBucket(bucket));
    bridge = AllasCrypt4gh.builder().s3Client(ownerS3).retryBackoff(Duration.ofMillis(50)).build();
  }

  @AfterAll
  static void tearDown() {
    if (owner != null && bucket != null && owner.bucketExists(bucket)) {
      owner.deleteBucketAndAllObjects(bucket);
    }
    for (AutoCloseable c : new AutoCloseable[] {ownerS3, owner, producer}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // ignore
      }
    }
  }

  @BeforeEach
  void clearLog() {
    LOG.clear();
  }

  static String key(String what) {
    return Fixtures.key(what);
  }

  static byte[] sha256(InputStream in) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    byte[] buf = new byte[1 << 16];
    for (int n; (n = in.read(buf)) > 0; ) {
      md.update(buf, 0, n);
    }
    return md.digest();
  }

  static byte[] expectedSha256(long seed, long size) throws Exception {
    try (InputStream in = TestData.stream(seed, size)) {
      return sha256(in);
    }
  }

  static byte[] downloadedSha256(AllasCrypt4gh b, String bkt, String key, Crypt4ghPrivateKey k) throws Exception {
    try (InputStream in = b.newDecryptingStream(bkt, key, decryptor(k))) {
      return sha256(in);
    }
  }

  static UploadResult upload(AllasCrypt4gh b, String bkt, String key, long size, long seed, UploadOptions o) throws IOException {
    try (InputStream in = TestData.stream(seed, size)) {
      return b.upload(bkt, key, ENCRYPTOR, in, o);
    }
  }

  @Test
  void singleAndMultipartUploadsRoundTrip() throws Exception {
    String small = key("small");
    UploadResult s = upload(bridge, bucket, small, 100_000, 1, UploadOptions.defaults());
    assertEquals(0, s.parts());
    assertEquals(owner.headObject(bucket, small).eTag(), s.eTag());
    assertArrayEquals(expectedSha256(1, 100_000), downloadedSha256(bridge, bucket, small, ALICE));

    String big = key("multipart");
    long size = 23L * MIB + 4321;
    UploadResult m = upload(bridge, bucket, big, size, 2, PARTS);
    assertEquals(5, m.parts());
    // RGW answers CompleteMultipartUpload with an empty ETag: the result's comes from HEAD
    assertTrue(m.eTag().matches("[0-9a-f]{32}-5"), m.eTag());
    assertEquals(owner.headObject(bucket, big).eTag(), m.eTag());
    assertEquals(ENCRYPTOR.encryptedSize(size), owner.headObject(bucket, big).size());
    assertArrayEquals(expectedSha256(2, size), downloadedSha256(bridge, bucket, big, BOB));

    String known = key("known");
    UploadResult k = upload(bridge, bucket, known, 12L * MIB, 3, PARTS.copy(o -> o.expectedLength(12L * MIB)));
    assertEquals(3, k.parts());
    assertArrayEquals(expectedSha256(3, 12L * MIB), downloadedSha256(bridge, bucket, known, ALICE));
  }

  @Test
  void noOverwriteUnlessAsked() throws Exception {
    String key = key("exists");
    upload(bridge, bucket, key, 1000, 4, UploadOptions.defaults());
    TargetExistsException single = assertThrows(TargetExistsException.class, () -> upload(bridge, bucket, key, 2000, 5, UploadOptions.defaults()));
    assertEquals(412, single.statusCode());
    assertThrows(TargetExistsException.class, () -> upload(bridge, bucket, key, 6L * MIB, 5, PARTS));
    assertArrayEquals(expectedSha256(4, 1000), downloadedSha256(bridge, bucket, key, ALICE));
    // RGW 16 ignores If-None-Match on CompleteMultipartUpload: the HEAD just before completing catches a late writer
    String lateKey = key("late");
    EncryptingUpload up = bridge.newUpload(bucket, lateKey, ENCRYPTOR, PARTS);
    up.write(TestData.bytes(6, 0, 6 * MIB));
    owner.putObject(bucket, lateKey, "late writer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThrows(TargetExistsException.class, up::close);
    assertEquals("late writer", new String(owner.getObjectBytes(bucket, lateKey), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(0, ownerS3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
    UploadResult r = upload(bridge, bucket, key, 6L * MIB, 5, PARTS.copy(o -> o.overwrite(true)));
    assertEquals(2, r.parts());
    assertArrayEquals(expectedSha256(5, 6L * MIB), downloadedSha256(bridge, bucket, key, ALICE));
  }

  @Test
  void randomReadsCostOneSmallRangedGetEach() throws Exception {
    String key = key("ranged");
    long size = 40L * MIB + 77;
    upload(bridge, bucket, key, size, 7, PARTS);
    LOG.clear();
    Random random = new Random(1);
    long header = ENCRYPTOR.headerLength();
    int reads = 0;
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(bucket, key, decryptor(ALICE))) {
      assertEquals(1, LOG.entries().size(), "open: " + LOG);
      assertEquals(size, ch.size());
      for (int i = 0; i < 40; i++) {
        long p = i % 4 == 0 ? (random.nextInt((int) (size / SEG)) + 1L) * SEG - 300 : (long) (random.nextDouble() * (size - 1024));
        LOG.clear();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        ch.position(p);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
        assertArrayEquals(TestData.bytes(7, p, 1024), buf.array(), "at " + p);
        assertTrue(LOG.entries().size() <= 1, "at " + p + ": " + LOG);
        for (RequestLog.Entry e : LOG.entries()) {
          assertEquals("GetObject", e.operation());
          assertTrue(e.receivedBytes() <= 2L * CSEG, e.toString());
          String from = e.range().substring(6, e.range().indexOf('-'));
          long f = Long.parseLong(from);
          assertTrue((f - header) % CSEG == 0 || f == AllasCrypt4gh.HEADER_ALLOWANCE + CSEG, e.range());
        }
        reads++;
      }
    }
    assertEquals(40, reads);
  }

  @Test
  void rekeyingSixtyFourMibTransfersAboutFiveMib() throws Exception {
    String key = key("rekey");
    long size = 64L * MIB;
    Crypt4ghEncryptor toAlice = encryptor(ALICE);
    try (InputStream in = TestData.stream(8, size)) {
      bridge.upload(bucket, key, toAlice, in, UploadOptions.builder().expectedLength(size).build());
    }
    LOG.clear();
    RekeyResult r = bridge.rekey(bucket, key, ALICE, publicKeys(BOB), RekeyOptions.defaults());
    long sentPayload = LOG.payloadBytes(e -> !"UploadPartCopy".equals(e.operation()));
    long sentWire = LOG.sentBytes(e -> true);
    long received = LOG.receivedBytes(e -> true);
    System.out.printf("RGW rekey of 64 MiB: sent %d payload bytes (%d on the wire), received %d bytes, copied %d on the server, %d requests%n",
        sentPayload, sentWire, received, r.bytesCopiedOnServer(), LOG.entries().size());
    assertTrue(sentPayload <= r.newHeaderBytes() + 5L * MIB + CSEG, LOG.toString());
    assertTrue(received <= r.oldHeaderBytes() + 5L * MIB + CSEG + AllasCrypt4gh.HEADER_ALLOWANCE, LOG.toString());
    assertEquals(2, r.parts());
    assertTrue(r.bytesCopiedOnServer() > 58L * MIB);
    byte[] expected = expectedSha256(8, size);
    assertArrayEquals(expected, downloadedSha256(bridge, bucket, key, BOB));
    assertThrows(NoDataKeyException.class, () -> downloadedSha256(bridge, bucket, key, ALICE));
    // keep the old recipient's packet by re-keying with trim off from a key that is not among the new ones
    RekeyResult again = bridge.rekey(bucket, key, BOB, publicKeys(CAROL, BOB), RekeyOptions.builder()
        .reencrypt(ReencryptOptions.defaults().withTrim(true)).build());
    assertEquals(2, again.parts());
    assertArrayEquals(expected, downloadedSha256(bridge, bucket, key, CAROL));
    assertArrayEquals(expected, downloadedSha256(bridge, bucket, key, BOB));
    assertEquals(0, ownerS3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
  }

  @Test
  void aProducerUploadsIntoTheOwnersSharedBucket() throws Exception {
    String shared = RgwEnv.uniqueBucket("bridge-shared");
    assertTrue(owner.createBucket(shared));
    try {
      owner.share(shared, producerProject.id(), Access.READ_WRITE);
      String remote = ownerProject.id() + ":" + shared;
      AllasCrypt4gh producerBridge = AllasCrypt4gh.create(producer);
      RequestLog producerLog = new RequestLog();
      try (S3Client producerS3 = TestS3.client(RgwEnv.endpoint(), producerProject.accessKey(), producerProject.secretKey(), producerLog)) {
        AllasCrypt4gh logged = AllasCrypt4gh.create(producerS3);
        UploadResult single = upload(logged, remote, "delivery/small.c4gh", 50_000, 9, UploadOptions.defaults());
        UploadResult multi = upload(logged, remote, "delivery/big.c4gh", 13L * MIB, 10, PARTS);
        assertEquals(0, single.parts());
        assertEquals(3, multi.parts());
        // the ACL is on by default for <tenant>:<bucket>
        assertEquals(java.util.List.of("bucket-owner-full-control"), producerLog.entries("PutObject").get(0).requestHeaders().get("x-amz-acl"));
        assertEquals(java.util.List.of("bucket-owner-full-control"),
            producerLog.entries("CreateMultipartUpload").get(0).requestHeaders().get("x-amz-acl"));
      }
      // the owner reads and decrypts what the producer delivered
      AllasCrypt4gh ownerBridge = AllasCrypt4gh.create(owner);
      assertArrayEquals(expectedSha256(9, 50_000), downloadedSha256(ownerBridge, shared, "delivery/small.c4gh", ALICE));
      assertArrayEquals(expectedSha256(10, 13L * MIB), downloadedSha256(ownerBridge, shared, "delivery/big.c4gh", BOB));
      // and the producer can read ranges of it back through the tenant name
      try (SeekableByteChannel ch = producerBridge.newSeekableDecryptingChannel(remote, "delivery/big.c4gh", decryptor(ALICE))) {
        ByteBuffer buf = ByteBuffer.allocate(100);
        ch.position(9L * MIB);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
        assertArrayEquals(TestData.bytes(10, 9L * MIB, 100), buf.array());
      }
      // no overwrite across projects either
      assertThrows(TargetExistsException.class, () -> upload(producerBridge, remote, "delivery/small.c4gh", 10, 1, UploadOptions.defaults()));
    } finally {
      owner.deleteBucketAndAllObjects(shared);
    }
  }

  @Test
  void transientFaultsInFrontOfRgw() throws Exception {
    try (FaultProxy proxy = new FaultProxy(RgwEnv.endpoint());
        S3Client viaProxy = TestS3.client(proxy.endpoint(), ownerProject.accessKey(), ownerProject.secretKey(), null, Duration.ofSeconds(3), 2)) {
      AllasCrypt4gh faulty = AllasCrypt4gh.builder().s3Client(viaProxy).retryBackoff(Duration.ofMillis(50)).build();
      Rule err = proxy.add(Rule.error(RequestHead::isUploadPart, 503, 2));
      Rule reset = proxy.add(Rule.resetRequestBody(RequestHead::isUploadPart, MIB, 2));
      String key = key("faults");
      long size = 16L * MIB;
      upload(faulty, bucket, key, size, 11, PARTS);
      assertEquals(2, err.hits());
      assertEquals(2, reset.hits());
      Rule getReset = proxy.add(Rule.resetResponseBody(RequestHead::isGet, 200_000, 3));
      assertArrayEquals(expectedSha256(11, size), downloadedSha256(faulty, bucket, key, ALICE));
      assertEquals(3, getReset.hits());
      // and a permanent fault leaves nothing
      proxy.add(Rule.error(RequestHead::isUploadPart, 500, -1));
      String failed = key("permanent");
      StorageException e = assertThrows(StorageException.class, () -> upload(faulty, bucket, failed, 6L * MIB, 12, PARTS));
      assertEquals("UploadPart", e.operation());
      assertFalse(owner.objectExists(bucket, failed));
      assertEquals(0, ownerS3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size());
    }
  }
}
