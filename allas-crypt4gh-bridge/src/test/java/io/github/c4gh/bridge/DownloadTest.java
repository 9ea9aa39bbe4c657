package io.github.c4gh.bridge;

import static io.github.c4gh.bridge.Fixtures.ALICE;
import static io.github.c4gh.bridge.Fixtures.BOB;
import static io.github.c4gh.bridge.Fixtures.MIB;
import static io.github.c4gh.bridge.Fixtures.decryptor;
import static io.github.c4gh.bridge.Fixtures.encryptor;
import static io.github.c4gh.bridge.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.bridge.internal.ObjectReader;
import io.github.c4gh.bridge.internal.PrefetchingInputStream;
import io.github.c4gh.bridge.internal.Requests;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.DataEditList;
import io.github.c4gh.crypt4gh.NoDataKeyException;
import io.github.c4gh.crypt4gh.SegmentAuthenticationException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Decrypting streams and seekable channels over ranged GETs, with request counts, against S3Proxy. */
class DownloadTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String BUCKET = "downloads";
  static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  static final int SEG = SegmentLayout.SEGMENT_SIZE;
  static final RequestLog LOG = new RequestLog();
  static final Crypt4ghEncryptor ENCRYPTOR = encryptor(ALICE, BOB);
  static final long BIG_SEED = 42;
  static final int BIG = 24 * MIB + 12_345;
  static final String BIG_KEY = "big.c4gh";
  static S3Client s3;
  static AllasCrypt4gh bridge;

  @BeforeAll
  static void setUp() throws IOException {
    s3 = TestS3.client(S3.endpoint(), S3.accessKey(), S3.secretKey(), LOG);
    s3.createBucket(b -> b.bucket(BUCKET));
    bridge = AllasCrypt4gh.builder().s3Client(s3).retryBackoff(Duration.ofMillis(10)).build();
    put(BIG_KEY, encrypt(ENCRYPTOR, TestData.bytes(BIG_SEED, 0, BIG)));
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

  static byte[] encrypt(Crypt4ghEncryptor encryptor, byte[] plain) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = encryptor.newEncryptingStream(bytes)) {
      out.write(plain);
    }
    return bytes.toByteArray();
  }

  static void put(String key, byte[] object) {
    s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(object));
  }

  static byte[] readAll(SeekableByteChannel ch, int bufferSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(bufferSize);
    while (ch.read(buf) >= 0) {
      out.write(buf.array(), 0, buf.position());
      buf.clear();
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @CsvSource({"1", "2", "4"})
  void aLongDownloadReusesItsRangeArraysInsteadOfAllocatingOnePerRange(int parallel) throws IOException {
    int rangeSize = 256 * 1024;
    ObjectReader reader = new ObjectReader(s3, new Requests(2, 10, Duration.ofSeconds(30), 1024), BUCKET, BIG_KEY, null);
    byte[] first = new byte[rangeSize];
    int n = reader.readFully(0, first, 0, rangeSize);
    byte[] whole = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(BIG_KEY)).asByteArray();
    long ranges = (whole.length + rangeSize - 1) / rangeSize;
    assertTrue(ranges > 90, "enough ranges to tell reuse from allocation: " + ranges);
    try (PrefetchingInputStream in = new PrefetchingInputStream(reader, first, n, rangeSize, parallel)) {
      assertArrayEquals(whole, in.readAllBytes());
      // the first range's array is reused too, so the stream itself needs one fewer than it holds
      assertTrue(in.rangeArraysAllocated() <= parallel, "allocated " + in.rangeArraysAllocated() + " range arrays for " + ranges + " ranges");
    }
  }

  @ParameterizedTest
  @CsvSource({"0,1,65536", "1,1,65536", "65536,2,65536", "65537,3,65536", "3000001,1,1048576", "3000001,4,65536", "3000001,2,8388608"})
  void decryptingStreamReturnsThePlaintext(int size, int parallel, int rangeSize) throws IOException {
    String key = key("stream");
    byte[] plain = TestData.bytes(size, 0, size);
    put(key, encrypt(ENCRYPTOR, plain));
    LOG.clear();
    DownloadOptions options = DownloadOptions.builder().parallelRanges(parallel).rangeSize(rangeSize).build();
    try (InputStream in = bridge.newDecryptingStream(BUCKET, key, decryptor(BOB), options)) {
      assertArrayEquals(plain, in.readAllBytes());
    }
    long objectSize = ENCRYPTOR.encryptedSize(size);
    assertEquals(Math.max(1, (objectSize + rangeSize - 1) / rangeSize), LOG.count("GetObject"), LOG.toString());
  }

  @Test
  void openingFetchesTheHeaderAndFirstSegmentInOneGet() throws IOException {
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, BIG_KEY, decryptor(ALICE))) {
      assertEquals(1, LOG.entries().size(), LOG.toString());
      assertEquals("bytes=0-" + (AllasCrypt4gh.HEADER_ALLOWANCE + CSEG - 1), LOG.entries("GetObject").get(0).range());
      assertEquals(BIG, ch.size());
      ByteBuffer buf = ByteBuffer.allocate(1024);
      ch.read(buf);
      assertArrayEquals(TestData.bytes(BIG_SEED, 0, 1024), buf.array());
      assertEquals(1, LOG.entries().size(), "the first segment came with the header");
    }
  }

  @Test
  void eachRandomReadOfOneKibCostsOneGetOfAtMostTwoSegments() throws IOException {
    Random random = new Random(7);
    long header = ENCRYPTOR.headerLength();
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, BIG_KEY, decryptor(ALICE))) {
      for (int i = 0; i < 60; i++) {
        long p;
        if (i % 5 == 0) {
          p = (random.nextInt(BIG / SEG) + 1L) * SEG - 512; // straddles two segments
        } else if (i % 7 == 0) {
          p = BIG - 1 - random.nextInt(1024); // near the end
        } else {
          p = SEG + (long) (random.nextDouble() * (BIG - SEG - 1024));
        }
        p = Math.min(p, BIG - 1);
        LOG.clear();
        ByteBuffer buf = ByteBuffer.allocate(1024);
        ch.position(p);
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
        int n = buf.position();
        assertEquals(Math.min(1024, BIG - p), n);
        assertArrayEquals(TestData.bytes(BIG_SEED, p, n), Arrays.copyOf(buf.array(), n), "at " + p);
        assertTrue(LOG.count("GetObject") <= 1, "read at " + p + ": " + LOG);
        for (RequestLog.Entry e : LOG.entries("GetObject")) {
          String[] r = e.range().substring("bytes=".length()).split("-");
          long from = Long.parseLong(r[0]);
          long to = Long.parseLong(r[1]);
          // a window starts on a segment, or where the cached first range (header + first segment) ends
          assertTrue((from - header) % CSEG == 0 || from == AllasCrypt4gh.HEADER_ALLOWANCE + CSEG, "starts on a segment: " + e.range());
          assertTrue(to - from + 1 <= 2L * CSEG, "at most two segments: " + e.range());
        }
        assertEquals(LOG.entries().size(), LOG.count("GetObject"), "no HEAD or other requests");
      }
    }
  }

  @Test
  void sequentialReadsFetchGrowingWindows() throws IOException {
    DownloadOptions options = DownloadOptions.builder().readAhead(2 * MIB).build();
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, BIG_KEY, decryptor(ALICE), options)) {
      assertArrayEquals(TestData.bytes(BIG_SEED, 0, BIG), readAll(ch, 8192));
    }
    long gets = LOG.count("GetObject");
    // windows of 2, 4, ..., 32 segments, then 2 MiB: about 13 + 24 MiB / 2 MiB, not 385 segment reads
    assertTrue(gets <= 20, gets + " GETs:\n" + LOG);
    long fetched = LOG.receivedBytes(e -> "GetObject".equals(e.operation()));
    assertTrue(fetched <= ENCRYPTOR.encryptedSize(BIG) + AllasCrypt4gh.HEADER_ALLOWANCE, "fetched " + fetched);
  }

  @Test
  void seekingBackServesFromTheCache() throws IOException {
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, BIG_KEY, decryptor(ALICE))) {
      ByteBuffer buf = ByteBuffer.allocate(100);
      ch.position(10L * MIB + 100).read(buf); // segment 160: fetches segments 160 and 161
      long after = LOG.count("GetObject");
      buf.clear();
      ch.position(10L * MIB + SEG + 5000).read(buf);
      buf.clear();
      ch.position(10L * MIB + 50).read(buf);
      assertEquals(after, LOG.count("GetObject"));
      assertArrayEquals(TestData.bytes(BIG_SEED, 10L * MIB + 50, 100), buf.array());
      buf.clear();
      assertEquals(-1, ch.position(BIG).read(buf));
      assertEquals(-1, ch.position(BIG + 10_000L).read(buf));
    }
  }

  @Test
  void editListsAreApplied() throws IOException {
    String key = key("edit");
    int size = 300_000;
    byte[] plain = TestData.bytes(5, 0, size);
    Crypt4ghEncryptor withEdits = Crypt4ghEncryptor.builder().recipient(ALICE.publicKey()).editList(DataEditList.of(new long[] {70_000, 100_000, 50_000, 2_000}))
        .build();
    put(key, encrypt(withEdits, plain));
    byte[] expected = new byte[102_000];
    System.arraycopy(plain, 70_000, expected, 0, 100_000);
    System.arraycopy(plain, 220_000, expected, 100_000, 2_000);
    try (InputStream in = bridge.newDecryptingStream(BUCKET, key, decryptor(ALICE))) {
      assertArrayEquals(expected, in.readAllBytes());
    }
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, key, decryptor(ALICE))) {
      assertEquals(expected.length, ch.size());
      ByteBuffer buf = ByteBuffer.allocate(4000);
      ch.position(98_000);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // fill
      }
      assertArrayEquals(Arrays.copyOfRange(expected, 98_000, 102_000), buf.array());
    }
  }

  @Test
  void anObjectReplacedWhileReadingFailsInsteadOfMixing() throws IOException {
    String key = key("replaced");
    put(key, encrypt(ENCRYPTOR, TestData.bytes(1, 0, 3 * MIB)));
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, key, decryptor(ALICE))) {
      put(key, encrypt(ENCRYPTOR, TestData.bytes(2, 0, 3 * MIB)));
      SourceChangedException e = assertThrows(SourceChangedException.class, () -> ch.position(2L * MIB).read(ByteBuffer.allocate(10)));
      assertTrue(e.getMessage().contains(BUCKET + "/" + key), e.getMessage());
    }
  }

  @Test
  void errorsSayWhatFailed() throws IOException {
    StorageException missing = assertThrows(StorageException.class, () -> bridge.newSeekableDecryptingChannel(BUCKET, "no/such.c4gh", decryptor(ALICE)));
    assertEquals(404, missing.statusCode());
    assertEquals("GetObject", missing.operation());
    assertTrue(missing.getMessage().contains(BUCKET + "/no/such.c4gh"), missing.getMessage());
    assertThrows(StorageException.class, () -> bridge.newDecryptingStream(BUCKET, "no/such.c4gh", decryptor(ALICE)));
    assertThrows(NoDataKeyException.class, () -> bridge.newSeekableDecryptingChannel(BUCKET, BIG_KEY, decryptor(Fixtures.CAROL)));
  }

  @Test
  void tamperedSegmentsFailAuthentication() throws IOException {
    String key = key("tampered");
    byte[] object = encrypt(ENCRYPTOR, TestData.bytes(3, 0, 5 * SEG));
    object[(int) ENCRYPTOR.headerLength() + 3 * CSEG + 100] ^= 1;
    put(key, object);
    try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(BUCKET, key, decryptor(ALICE))) {
      ch.position(SEG).read(ByteBuffer.allocate(100));
      SegmentAuthenticationException e =
          assertThrows(SegmentAuthenticationException.class, () -> ch.position(3L * SEG + 10).read(ByteBuffer.allocate(100)));
      assertEquals(3, e.segmentIndex());
    }
    try (InputStream in = bridge.newDecryptingStream(BUCKET, key, decryptor(ALICE))) {
      assertThrows(SegmentAuthenticationException.class, in::readAllBytes);
    }
  }
}
