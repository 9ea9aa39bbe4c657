package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Region queries on an encrypted BAM stored in S3, opened through the bridge's seekable decrypting
 * channel ({@link AllasCrypt4gh#newSeekableDecryptingChannel}), compared with the same queries on
 * the local plaintext, with the ranged GETs and bytes each query costs. Shared by the S3Proxy test
 * and the Ceph RGW IT.
 */
final class RemoteBam {
  static final String BAM = "x.bam.c4gh";
  static final String ENCRYPTED_BAI = "x.bam.bai.c4gh";
  static final String PLAIN_BAI = "x.bam.bai";

  /** How the index is read. */
  enum IndexLayout {
    /** {@code x.bam.bai.c4gh} through the bridge's seekable decrypting channel, like the data. */
    ENCRYPTED_RANGED,
    /** {@code x.bam.bai} (plain) fetched whole with one GET before the reader opens. */
    PLAIN_WHOLE
  }

  /** What a run of queries cost. {@code gets} and {@code bytes} are per query, in order. */
  record Stats(IndexLayout layout, boolean freshReader, long openGets, long openBytes, List<Long> gets, List<Long> bytes, int nonEmpty) {
    LongSummaryStatistics getStats() {
      return gets.stream().mapToLong(Long::longValue).summaryStatistics();
    }

    LongSummaryStatistics byteStats() {
      return bytes.stream().mapToLong(Long::longValue).summaryStatistics();
    }

    String summary(String server) {
      LongSummaryStatistics g = getStats();
      LongSummaryStatistics b = byteStats();
      return String.format("remote BAM region queries: %d queries, GETs per query avg %.2f max %d, bytes per query avg %.0f"
              + " [%s, index %s, %s; opening readers: %d GETs, %d bytes; bytes per query max %d]",
          g.getCount(), g.getAverage(), g.getMax(), b.getAverage(), server, layout,
          freshReader ? "a fresh reader per query" : "one reader for all queries", openGets, openBytes, b.getMax());
    }
  }

  private RemoteBam() {}

  /** An SDK client as AllasClient configures its own (path style, checksums when required), logging to {@code log}. */
  static S3Client client(URI endpoint, String accessKey, String secretKey, GetLog log) {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .forcePathStyle(true)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(log))
        .build();
  }

  static AllasCrypt4gh bridge(S3Client s3) {
    return AllasCrypt4gh.builder().s3Client(s3).retryBackoff(Duration.ofMillis(50)).build();
  }

  /** Uploads the encrypted BAM, its encrypted BAI and its plain BAI of {@code data} to {@code bucket}. */
  static void upload(S3Client s3, String bucket, TestData data) {
    Path dir = data.bamEncIndex.getParent();
    s3.putObject(b -> b.bucket(bucket).key(BAM), RequestBody.fromFile(dir.resolve(BAM)));
    s3.putObject(b -> b.bucket(bucket).key(ENCRYPTED_BAI), RequestBody.fromFile(dir.resolve(ENCRYPTED_BAI)));
    s3.putObject(b -> b.bucket(bucket).key(PLAIN_BAI), RequestBody.fromFile(data.plainBai));
  }

  /** Crypt4GH segments of the data part of the encrypted BAM. */
  static long segmentCount(TestData data) throws IOException {
    try (SeekableByteChannel ch = Files.newByteChannel(data.bamEncIndex)) {
      long dataStart = Header.read(ch).encodedLength();
      return (ch.size() - dataStart + SegmentLayout.CIPHER_SEGMENT_SIZE - 1) / SegmentLayout.CIPHER_SEGMENT_SIZE;
    }
  }

  /**
   * Opens the BAM in {@code bucket} through the bridge with {@code layout}'s index and runs {@code
   * regions} (every fifth query "contained", as the local test does), asserting that each gives
   * exactly the plaintext's records. GETs are counted from just before a query to just after its
   * last record. With {@code freshReader} every query gets a reader of its own (cold: no segment or
   * read-ahead left over from another query; opening it is counted in {@code openGets}), else all
   * queries share one reader (warm, as a program querying many regions would).
   */
  static Stats queries(AllasCrypt4gh bridge, S3Client s3, GetLog log, String bucket, TestData data, SamReader plain,
      IndexLayout layout, List<io.github.c4gh.htsjdk.Region> regions, boolean freshReader) throws IOException {
    List<Long> gets = new ArrayList<>();
    List<Long> bytes = new ArrayList<>();
    int nonEmpty = 0;
    long openGets = 0;
    long openBytes = 0;
    SamReader reader = null;
    try {
      int i = 0;
      for (io.github.c4gh.htsjdk.Region g : regions) {
        if (reader == null || freshReader) {
          if (reader != null) {
            reader.close();
          }
          log.clear();
          reader = open(bridge, s3, bucket, data, layout);
          assertTrue(reader.hasIndex());
          assertEquals(plain.getFileHeader(), reader.getFileHeader());
          openGets += log.gets();
          openBytes += log.getBytes();
        }
        boolean contained = i++ % 5 == 0;
        List<String> expected = BamRegionQueryTest.query(plain, g, contained);
        log.clear();
        List<String> actual = BamRegionQueryTest.query(reader, g, contained);
        gets.add(log.gets());
        bytes.add(log.getBytes());
        assertEquals(expected, actual, g + (contained ? " (contained)" : ""));
        if (!expected.isEmpty()) {
          nonEmpty++;
        }
      }
    } finally {
      if (reader != null) {
        reader.close();
      }
    }
    return new Stats(layout, freshReader, openGets, openBytes, gets, bytes, nonEmpty);
  }

  /** A reader over the BAM in {@code bucket}, its index read as {@code layout} says. */
  static SamReader open(AllasCrypt4gh bridge, S3Client s3, String bucket, TestData data, IndexLayout layout) throws IOException {
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(data.key).build();
    // The bridge's channels are plaintext already: the adapter sees no Crypt4GH magic in them and
    // reads them as they are (it would decrypt a ciphertext channel over the same objects itself).
    Crypt4ghHtsjdk c4gh = Crypt4ghHtsjdk.of(data.key);
    SeekableByteChannel index = layout == IndexLayout.ENCRYPTED_RANGED
        ? bridge.newSeekableDecryptingChannel(bucket, ENCRYPTED_BAI, decryptor)
        : new MemoryChannel(s3.getObjectAsBytes(b -> b.bucket(bucket).key(PLAIN_BAI)).asByteArray());
    SeekableByteChannel bam;
    try {
      bam = bridge.newSeekableDecryptingChannel(bucket, BAM, decryptor);
    } catch (IOException | RuntimeException e) {
      index.close();
      throw e;
    }
    return SamReaderFactory.makeDefault().open(c4gh.samInputResource(bam, "s3://" + bucket + "/" + BAM, index));
  }

  /**
   * The bound on what a query may cost. Measured on S3Proxy with the 64-segment test BAM and the 50
   * regions of up to 300 kb: one reader for all queries, avg 0.52 GETs (many queries find their
   * blocks in segments already fetched) and max 2 GETs / 6 segments per query; a fresh reader per
   * query, avg 1.96 and max 2 GETs / 8 segments. The bridge costs at most one ranged GET of at
   * most two segments per random read and fetches growing windows for sequential reads, so a query
   * whose chunks are contiguous costs one GET for its first block and one for the read-ahead after
   * it. The bound, 4 GETs and 16 segments (a quarter of the file) per query, and 2.5 GETs per query
   * on average, leaves 2x margin for a query whose chunks lie in two places; reading segment by
   * segment would cost up to 8 GETs for the longest regions, and a whole-object read 64 segments.
   */
  static void assertFewGets(Stats stats, long segments) {
    assertTrue(segments >= 40, "the BAM should span tens of segments, has " + segments);
    for (int i = 0; i < stats.gets().size(); i++) {
      assertTrue(stats.gets().get(i) <= 4, "query " + i + ": " + stats.gets().get(i) + " GETs");
      assertTrue(stats.bytes().get(i) <= Math.min(16, segments / 4) * (long) SegmentLayout.CIPHER_SEGMENT_SIZE,
          "query " + i + ": " + stats.bytes().get(i) + " bytes");
    }
    assertTrue(stats.getStats().getAverage() <= 2.5, "GETs per query on average: " + stats.getStats().getAverage());
  }
}
