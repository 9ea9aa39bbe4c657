package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.bridge.AllasCrypt4gh;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The region queries of {@link BamRegionQueryTest} (the same 50 seeded regions) on the encrypted BAM
 * stored in S3 (S3Proxy), read through the bridge's seekable decrypting channel, with the ranged
 * GETs per query printed and bounded.
 */
class RemoteBamRegionQueryTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String BUCKET = "bams";
  static final GetLog LOG = new GetLog();
  static TestData data;
  static SamReader plain;
  static S3Client s3;
  static AllasCrypt4gh bridge;

  @BeforeAll
  static void setUp() {
    data = TestData.get();
    plain = SamReaderFactory.makeDefault().open(SamInputResource.of(data.plainBam).index(data.plainBai));
    s3 = RemoteBam.client(S3.endpoint(), S3.accessKey(), S3.secretKey(), LOG);
    s3.createBucket(b -> b.bucket(BUCKET));
    RemoteBam.upload(s3, BUCKET, data);
    bridge = RemoteBam.bridge(s3);
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (s3 != null) {
      s3.close();
    }
    if (plain != null) {
      plain.close();
    }
  }

  @ParameterizedTest(name = "index {0}, fresh reader per query: {1}")
  @CsvSource({"ENCRYPTED_RANGED, false", "PLAIN_WHOLE, false", "ENCRYPTED_RANGED, true"})
  void fiftyRandomRegionsMatchThePlaintextWithFewGetsEach(RemoteBam.IndexLayout layout, boolean freshReader) throws IOException {
    RemoteBam.Stats stats =
        RemoteBam.queries(bridge, s3, LOG, BUCKET, data, plain, layout, Region.random(20260101L, 50, 300_000), freshReader);
    long segments = RemoteBam.segmentCount(data);
    System.out.println(stats.summary("S3Proxy") + " [BAM of " + segments + " segments]");
    assertTrue(stats.nonEmpty() >= 30, "most regions should hold reads, " + stats.nonEmpty() + " did");
    RemoteBam.assertFewGets(stats, segments);
  }
}
