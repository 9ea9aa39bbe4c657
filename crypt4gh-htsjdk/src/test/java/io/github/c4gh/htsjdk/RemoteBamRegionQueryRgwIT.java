package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import io.github.c4gh.bridge.AllasCrypt4gh;
import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link RemoteBamRegionQueryTest} against a real Ceph RGW (the server Allas runs), with 15 of its
 * regions. Runs in the {@code ceph-it} profile (on when {@code C4GH_IT_ENDPOINT} is set: start the
 * RGW with {@code scripts/ceph-rgw-start.sh} and source the {@code rgw.env} it writes); a missing
 * variable is a failure.
 */
class RemoteBamRegionQueryRgwIT {
  static final GetLog LOG = new GetLog();
  static TestData data;
  static SamReader plain;
  static S3Client s3;
  static AllasCrypt4gh bridge;
  static String bucket;

  static String require(String name) {
    String v = System.getenv(name);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException(
          name + " is not set: start the test RGW with scripts/ceph-rgw-start.sh and source the rgw.env it writes");
    }
    return v.strip();
  }

  @BeforeAll
  static void setUp() {
    URI endpoint = URI.create(require("C4GH_IT_ENDPOINT"));
    s3 = RemoteBam.client(endpoint, require("C4GH_IT_OWNER_ACCESS_KEY"), require("C4GH_IT_OWNER_SECRET_KEY"), LOG);
    byte[] r = new byte[4];
    ThreadLocalRandom.current().nextBytes(r);
    bucket = "c4gh-htsjdk-it-" + HexFormat.of().formatHex(r);
    s3.createBucket(b -> b.bucket(bucket));
    data = TestData.get();
    plain = SamReaderFactory.makeDefault().open(SamInputResource.of(data.plainBam).index(data.plainBai));
    RemoteBam.upload(s3, bucket, data);
    bridge = RemoteBam.bridge(s3);
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (s3 != null) {
      if (bucket != null) {
        try {
          for (String key : new String[] {RemoteBam.BAM, RemoteBam.ENCRYPTED_BAI, RemoteBam.PLAIN_BAI}) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
          }
          s3.deleteBucket(b -> b.bucket(bucket));
        } catch (RuntimeException e) {
          System.err.println("could not delete bucket " + bucket + ": " + e);
        }
      }
      s3.close();
    }
    if (plain != null) {
      plain.close();
    }
  }

  @ParameterizedTest(name = "index {0}, fresh reader per query: {1}")
  @CsvSource({"ENCRYPTED_RANGED, false", "PLAIN_WHOLE, false", "ENCRYPTED_RANGED, true"})
  void regionsMatchThePlaintextWithFewGetsEach(RemoteBam.IndexLayout layout, boolean freshReader) throws IOException {
    // the first 15 of the local test's 50 regions
    RemoteBam.Stats stats = RemoteBam.queries(bridge, s3, LOG, bucket, data, plain, layout,
        Region.random(20260101L, 50, 300_000).subList(0, 15), freshReader);
    long segments = RemoteBam.segmentCount(data);
    System.out.println(stats.summary("Ceph RGW") + " [BAM of " + segments + " segments]");
    assertTrue(stats.nonEmpty() >= 8, "most regions should hold reads, " + stats.nonEmpty() + " did");
    RemoteBam.assertFewGets(stats, segments);
  }
}
