package io.github.c4gh.bridge;

import io.github.c4gh.allas.testing.RgwEnv;
import static io.github.c4gh.bridge.Fixtures.ALICE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads more than 4 GiB generated on the fly through an encrypting upload in a child JVM whose
 * {@code -Xmx} is the upload's memory bound (part size x (parts in flight + 2) plus a small
 * constant for the JVM, the SDK and the encryptor), then verifies: object size, a sample of ranges
 * through the seekable channel (one ranged GET of at most two segments each) and the SHA-256 and
 * length of the whole plaintext streamed back once.
 */
class RgwBigUploadIT {
  static final long GIB = 1L << 30;
  static final long MIB = 1L << 20;
  /** Over 4 GiB and not a whole number of segments, so offsets past 2^32 are exercised. */
  static final long SIZE = 4 * GIB + 12_345;
  static final long SEED = 2026;
  static final long PART_SIZE = UploadOptions.DEFAULT_PART_SIZE;
  static final int IN_FLIGHT = UploadOptions.DEFAULT_PARTS_IN_FLIGHT;
  /**
   * Heap beyond the part buffers: the SDK's own heap (about 15 MiB once a client is built), the
   * encryptor's batches (3 MiB at parallelism 2: three batches of 8 segments, plaintext and sealed),
   * request and I/O buffers (the SDK copies each 128 KiB chunk it signs over plain HTTP) and
   * young-generation room. Measured per GiB uploaded on the 2-core CI machine: 190 collections
   * with 32 MiB, 620 with 24 MiB, 730 with 16 MiB (it still completes).
   */
  static final long CONSTANT = 32 * MIB;
  static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;

  static RgwEnv.Project project;
  static AllasClient owner;
  static String bucket;

  @BeforeAll
  static void setUp() {
    project = RgwEnv.project("OWNER");
    owner = project.client();
    bucket = RgwEnv.uniqueBucket("bridge-big");
    assertTrue(owner.createBucket(bucket));
  }

  @AfterAll
  static void tearDown() {
    if (owner != null) {
      if (bucket != null && owner.bucketExists(bucket)) {
        owner.deleteBucketAndAllObjects(bucket);
      }
      owner.close();
    }
  }

  @Test
  void uploadsFourGibUnderAHeapOfThePartBound() throws Exception {
    String key = "big/" + SIZE + ".c4gh";
    Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder().recipient(ALICE.publicKey()).build();
    long partBytes = encryptor.headerLength() + (PART_SIZE + CSEG - 1) / CSEG * CSEG;
    long bound = partBytes * (IN_FLIGHT + 2) + CONSTANT;
    long xmxMib = (bound + MIB - 1) / MIB;

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx" + xmxMib + "m", "-Xms" + xmxMib + "m",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), BigUploadChild.class.getName(),
        RgwEnv.endpoint().toString(), project.accessKey(), project.secretKey(), bucket, key, Long.toString(SIZE), Long.toString(SEED),
        Long.toString(PART_SIZE), Integer.toString(IN_FLIGHT), ALICE.publicKey().toBase64(), "2"));
    System.out.printf("child JVM: -Xmx%dm (part %d bytes x (%d in flight + 2) + %d MiB)%n", xmxMib, partBytes, IN_FLIGHT, CONSTANT / MIB);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    Map<String, String> result = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        System.out.println("[child] " + line);
        if (line.startsWith("RESULT ")) {
          result = new LinkedHashMap<>();
          for (String kv : line.substring(7).split(" ")) {
            result.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
          }
        }
      }
    }
    assertTrue(child.waitFor(8, TimeUnit.MINUTES), "child did not finish");
    assertEquals(0, child.exitValue(), "child JVM failed");
    assertNotNull(result, "no RESULT line");
    long objectBytes = Long.parseLong(result.get("objectBytes"));
    assertEquals(encryptor.encryptedSize(SIZE), objectBytes);
    assertEquals(owner.headObject(bucket, key).size(), objectBytes);
    assertEquals(owner.headObject(bucket, key).eTag(), result.get("eTag"));
    long poolPeak = Long.parseLong(result.get("poolPeakBytes"));
    long block = io.github.c4gh.bridge.internal.PartBuffer.BLOCK;
    assertTrue(poolPeak <= (partBytes + block - 1) / block * block * (IN_FLIGHT + 1), "part buffers held at most " + poolPeak);
    System.out.printf("heap: -Xmx %d MiB (max %.1f MiB); part buffers peak %.1f MiB; live set (after full GCs) at most %.1f MiB;"
            + " after any GC at most %.1f MiB; in use at most %.1f MiB; %s GCs taking %s ms; %d parts; %.0f MB/s%n",
        xmxMib, Long.parseLong(result.get("xmx")) / (double) MIB, poolPeak / (double) MIB,
        Long.parseLong(result.get("maxLiveAfterFullGc")) / (double) MIB,
        Long.parseLong(result.get("maxLiveAfterGc")) / (double) MIB, Long.parseLong(result.get("maxHeapUsed")) / (double) MIB,
        result.get("gcs"), result.get("gcMillis"), Integer.parseInt(result.get("parts")), objectBytes / 1e6 / Double.parseDouble(result.get("seconds")));
    assertTrue(Long.parseLong(result.get("maxLiveAfterGc")) <= bound, "live heap within the bound");

    // a sample of ranges, each one ranged GET of at most two segments
    RequestLog log = new RequestLog();
    try (S3Client s3 = TestS3.client(RgwEnv.endpoint(), project.accessKey(), project.secretKey(), log)) {
      AllasCrypt4gh bridge = AllasCrypt4gh.create(s3);
      Random random = new Random(3);
      // across the 4 GiB boundary (segment 65535 to 65536), past it, and the last bytes
      List<Long> positions = new ArrayList<>(List.of(0L, 4 * GIB - 500, 4 * GIB, 4 * GIB + 5_000, SIZE - 1024, 2 * GIB - 100));
      for (int i = 0; i < 25; i++) {
        positions.add((long) (random.nextDouble() * (SIZE - 1024)));
      }
      long maxGets = 0;
      long maxBytes = 0;
      try (SeekableByteChannel ch = bridge.newSeekableDecryptingChannel(bucket, key, Fixtures.decryptor(ALICE))) {
        assertEquals(SIZE, ch.size());
        for (long p : positions) {
          log.clear();
          ByteBuffer buf = ByteBuffer.allocate(1024);
          ch.position(p);
          while (buf.hasRemaining() && ch.read(buf) > 0) {
            // fill
          }
          assertArrayEquals(TestData.bytes(SEED, p, 1024), buf.array(), "at " + p);
          maxGets = Math.max(maxGets, log.entries().size());
          maxBytes = Math.max(maxBytes, log.receivedBytes(e -> true));
        }
      }
      System.out.printf("random 1 KiB reads of the %d-byte object: at most %d GET of at most %d bytes each%n", objectBytes, maxGets, maxBytes);
      assertTrue(maxGets <= 1);
      assertTrue(maxBytes <= 2L * CSEG);
    }

    // the whole plaintext, streamed back once
    long start = System.nanoTime();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    long total = 0;
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(ALICE).parallelism(2).build();
    DownloadOptions options = DownloadOptions.builder().parallelRanges(3).rangeSize(16 * (int) MIB).build();
    try (InputStream in = AllasCrypt4gh.create(owner).newDecryptingStream(bucket, key, decryptor, options)) {
      byte[] buf = new byte[1 << 20];
      for (int n; (n = in.read(buf)) > 0; ) {
        sha.update(buf, 0, n);
        total += n;
      }
    }
    System.out.printf("streamed back %d bytes in %.1f s%n", total, (System.nanoTime() - start) / 1e9);
    assertEquals(SIZE, total);
    assertEquals(result.get("sha256"), HexFormat.of().formatHex(sha.digest()));
    owner.deleteObject(bucket, key);
  }
}
