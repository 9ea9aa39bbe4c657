package io.github.c4gh.bridge;

import static io.github.c4gh.bridge.Fixtures.ALICE;
import static io.github.c4gh.bridge.Fixtures.BOB;
import static io.github.c4gh.bridge.Fixtures.CAROL;
import static io.github.c4gh.bridge.Fixtures.MIB;
import static io.github.c4gh.bridge.Fixtures.decryptor;
import static io.github.c4gh.bridge.Fixtures.encryptor;
import static io.github.c4gh.bridge.Fixtures.exists;
import static io.github.c4gh.bridge.Fixtures.inFlightUploads;
import static io.github.c4gh.bridge.Fixtures.key;
import static io.github.c4gh.bridge.Fixtures.publicKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.testing.S3ProxyServer;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Server-side re-keying against S3Proxy: transfer sizes, keys that work afterwards, races. */
class RekeyTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String BUCKET = "rekey";
  static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  static final RequestLog LOG = new RequestLog();
  static final Hook HOOK = new Hook();
  static final Crypt4ghEncryptor TO_ALICE = encryptor(ALICE);
  static S3Client s3;
  static S3Client plain;
  static AllasCrypt4gh bridge;

  /** Runs an action once, before the first request of an operation. */
  static final class Hook implements ExecutionInterceptor {
    final AtomicReference<String> operation = new AtomicReference<>();
    volatile Runnable action;

    void once(String op, Runnable r) {
      action = r;
      operation.set(op);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String op = operation.get();
      if (op != null && op.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)) && operation.compareAndSet(op, null)) {
        action.run();
      }
    }
  }

  @BeforeAll
  static void setUp() {
    s3 = software.amazon.awssdk.services.s3.S3Client.builder()
        .endpointOverride(S3.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(S3.accessKey(), S3.secretKey())))
        .forcePathStyle(true)
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(LOG).addExecutionInterceptor(HOOK))
        .build();
    plain = TestS3.client(S3.endpoint(), S3.accessKey(), S3.secretKey(), null);
    plain.createBucket(b -> b.bucket(BUCKET));
    bridge = AllasCrypt4gh.builder().s3Client(s3).retryBackoff(Duration.ofMillis(10)).build();
  }

  @AfterAll
  static void tearDown() {
    s3.close();
    plain.close();
  }

  @BeforeEach
  void clearLog() {
    LOG.clear();
  }

  static String upload(long size, long seed) throws IOException {
    String key = key("obj");
    try (InputStream in = TestData.stream(seed, size)) {
      AllasCrypt4gh.create(plain).upload(BUCKET, key, TO_ALICE, in, UploadOptions.builder().expectedLength(size).contentType("application/x-c4gh")
          .metadata("k", "v").build());
    }
    return key;
  }

  static byte[] sha256Of(String key, Crypt4ghPrivateKey with) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = AllasCrypt4gh.create(plain).newDecryptingStream(BUCKET, key, decryptor(with))) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  static byte[] sha256Of(long seed, long size) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = TestData.stream(seed, size)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return md.digest();
  }

  @Test
  void rekeyingSixtyFourMibMovesOnlyTheHeaderAndFiveMib() throws Exception {
    long size = 64L * MIB;
    String key = upload(size, 1);
    LOG.clear();
    RekeyResult r = bridge.rekey(BUCKET, key, ALICE, publicKeys(BOB, CAROL), RekeyOptions.defaults());

    long sent = LOG.payloadBytes(e -> !"UploadPartCopy".equals(e.operation()));
    long received = LOG.receivedBytes(e -> "GetObject".equals(e.operation()));
    long copied = LOG.entries("UploadPartCopy").size();
    System.out.printf("rekey of 64 MiB: sent %d bytes (wire %d), received %d bytes, %d copy parts, new header %d, old header %d%n", sent,
        LOG.sentBytes(e -> true), received, copied, r.newHeaderBytes(), r.oldHeaderBytes());
    long fiveMib = 5L * MIB;
    assertTrue(sent <= r.newHeaderBytes() + fiveMib + CSEG, "sent " + sent + "\n" + LOG);
    assertTrue(received <= r.oldHeaderBytes() + fiveMib + CSEG + AllasCrypt4gh.HEADER_ALLOWANCE, "received " + received + "\n" + LOG);
    assertEquals(LOG.payloadBytes(e -> "UploadPart".equals(e.operation()) || "PutObject".equals(e.operation())), r.bytesUploaded());
    assertEquals(received, r.bytesDownloaded());
    assertEquals(1, LOG.count("GetObject"));
    assertEquals(r.objectBytes() - r.bytesUploaded(), r.bytesCopiedOnServer());
    assertEquals(2, r.parts());
    assertFalse(r.rewrittenWhole());
    assertEquals(r.newHeaderBytes() + SegmentLayout.ciphertextSize(size), r.objectBytes());

    var head = plain.headObject(b -> b.bucket(BUCKET).key(key));
    assertEquals(r.objectBytes(), head.contentLength());
    assertEquals("application/x-c4gh", head.contentType());
    assertEquals(Map.of("k", "v"), head.metadata());
    byte[] expected = sha256Of(1, size);
    assertArrayEquals(expected, sha256Of(key, BOB));
    assertArrayEquals(expected, sha256Of(key, CAROL));
    // the default keeps only packets the key could not open: ALICE's own packet was re-encrypted away
    assertThrows(NoDataKeyException.class, () -> sha256Of(key, ALICE));
    assertEquals(0, inFlightUploads(plain, BUCKET));
  }

  @Test
  void theOldKeyKeepsAccessOnlyWhenItsPacketsAreKept() throws Exception {
    long size = 12L * MIB + 5;
    Crypt4ghEncryptor toAliceAndBob = encryptor(ALICE, BOB);
    String key = key("keep");
    try (InputStream in = TestData.stream(2, size)) {
      AllasCrypt4gh.create(plain).upload(BUCKET, key, toAliceAndBob, in, UploadOptions.defaults());
    }
    // ALICE re-keys for CAROL: BOB's packets, which ALICE cannot open, are kept by default
    bridge.rekey(BUCKET, key, ALICE, publicKeys(CAROL), RekeyOptions.defaults());
    byte[] expected = sha256Of(2, size);
    assertArrayEquals(expected, sha256Of(key, CAROL));
    assertArrayEquals(expected, sha256Of(key, BOB));
    assertThrows(NoDataKeyException.class, () -> sha256Of(key, ALICE));
    // BOB re-keys for CAROL and ALICE with trim: only the new recipients remain
    bridge.rekey(BUCKET, key, BOB, publicKeys(CAROL, ALICE), RekeyOptions.builder().reencrypt(ReencryptOptions.defaults().withTrim(true)).build());
    assertArrayEquals(expected, sha256Of(key, ALICE));
    assertArrayEquals(expected, sha256Of(key, CAROL));
    assertThrows(NoDataKeyException.class, () -> sha256Of(key, BOB));
  }

  @Test
  void smallObjectsAreRewrittenWhole() throws Exception {
    for (long size : new long[] {0, 1, 65_536, 5L * MIB - 1000, 5L * MIB + 65_536}) {
      String key = upload(size, size);
      LOG.clear();
      RekeyResult r = bridge.rekey(BUCKET, key, ALICE, publicKeys(BOB), RekeyOptions.defaults());
      boolean whole = r.newHeaderBytes() + SegmentLayout.ciphertextSize(size) <= r.newHeaderBytes() + 80L * CSEG;
      assertEquals(whole, r.rewrittenWhole(), "size " + size);
      assertEquals(whole ? 1 : 0, LOG.count("PutObject"));
      assertEquals(0, LOG.count("PutObject") > 0 ? LOG.count("UploadPartCopy") : 0);
      assertArrayEquals(sha256Of(size, size), sha256Of(key, BOB), "size " + size);
    }
  }

  @Test
  void toAnotherKeyKeepsTheSourceAndRefusesToOverwrite() throws Exception {
    long size = 7L * MIB;
    String key = upload(size, 3);
    String target = key("target");
    RekeyResult r = bridge.rekey(BUCKET, key, ALICE, publicKeys(BOB), RekeyOptions.builder().targetKey(target).build());
    assertEquals(target, r.key());
    assertArrayEquals(sha256Of(3, size), sha256Of(key, ALICE));
    assertArrayEquals(sha256Of(3, size), sha256Of(target, BOB));
    assertThrows(TargetExistsException.class,
        () -> bridge.rekey(BUCKET, key, ALICE, publicKeys(CAROL), RekeyOptions.builder().targetKey(target).build()));
    assertArrayEquals(sha256Of(3, size), sha256Of(target, BOB));
    bridge.rekey(BUCKET, key, ALICE, publicKeys(CAROL), RekeyOptions.builder().targetKey(target).overwrite(true).build());
    assertArrayEquals(sha256Of(3, size), sha256Of(target, CAROL));
    assertEquals(0, inFlightUploads(plain, BUCKET));
  }

  @Test
  void aSourceReplacedDuringTheCopyAbortsTheRekeying() throws Exception {
    long size = 11L * MIB;
    String key = upload(size, 4);
    byte[] replacement = "a new object".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HOOK.once("UploadPartCopy", () -> plain.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(replacement)));
    assertThrows(SourceChangedException.class, () -> bridge.rekey(BUCKET, key, ALICE, publicKeys(BOB), RekeyOptions.defaults()));
    assertArrayEquals(replacement, Fixtures.getObject(plain, BUCKET, key));
    assertEquals(0, inFlightUploads(plain, BUCKET));
  }

  @Test
  void aKeyThatIsNotARecipientChangesNothing() throws Exception {
    String key = upload(6L * MIB, 5);
    String eTag = plain.headObject(b -> b.bucket(BUCKET).key(key)).eTag();
    assertThrows(NoDataKeyException.class, () -> bridge.rekey(BUCKET, key, CAROL, publicKeys(BOB), RekeyOptions.defaults()));
    assertEquals(eTag, plain.headObject(b -> b.bucket(BUCKET).key(key)).eTag());
    assertEquals(0, LOG.count("CreateMultipartUpload"));
    StorageException missing =
        assertThrows(StorageException.class, () -> bridge.rekey(BUCKET, "missing.c4gh", ALICE, publicKeys(BOB), RekeyOptions.defaults()));
    assertEquals(404, missing.statusCode());
    assertFalse(exists(plain, BUCKET, "missing.c4gh"));
  }

  @Test
  void aRekeyedObjectSupportsRandomAccess() throws Exception {
    long size = 9L * MIB + 17;
    String key = upload(size, 6);
    bridge.rekey(BUCKET, key, ALICE, publicKeys(BOB), RekeyOptions.defaults());
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, key, decryptor(BOB))) {
      assertEquals(size, ch.size());
      for (long p : List.of(0L, 5L * MIB - 3, 6L * MIB + 65_530, size - 10)) {
        ByteBuffer buf = ByteBuffer.allocate(10);
        ch.position(p);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
        assertArrayEquals(TestData.bytes(6, p, 10), buf.array(), "at " + p);
      }
    }
  }

}
