package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.allas.PutOptions;
import io.github.c4gh.allas.testing.S3ProxyServer;
import io.github.c4gh.cli.CliHarness.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code c4gh view}: a small coordinate-sorted BAM and its BAI, generated with htsjdk, uploaded
 * encrypted with {@code c4gh put}; region queries print exactly the SAM lines of the same query
 * on the plaintext.
 */
class ViewCommandTest {
  @RegisterExtension static final S3ProxyServer S3 = new S3ProxyServer();

  static final String[] CONTIGS = {"chr1", "chr2"};
  static final int[] LENGTHS = {1_000_000, 600_000};
  static final int READS = 4_000;
  static final int READ_LENGTH = 150;
  static final String BUCKET = "cli-view";

  @TempDir static Path dir;
  @TempDir Path home;
  static AllasClient client;
  static Path bam;
  static Path bai;

  @BeforeAll
  static void setUp() throws IOException {
    client = S3.newClient();
    bam = dir.resolve("x.bam");
    writeBam(bam);
    bai = dir.resolve("x.bai");
    assertTrue(Files.isRegularFile(bai), "htsjdk wrote the index");
    assertTrue(client.createBucket(BUCKET));
    Map<String, String> env = env();
    // encrypted data and encrypted index
    put(env, bam, "enc/x.bam.c4gh");
    put(env, bai, "enc/x.bam.bai.c4gh");
    // encrypted data, plain index
    put(env, bam, "plain/x.bam.c4gh");
    client.putObject(BUCKET, "plain/x.bam.bai", bai, PutOptions.defaults());
    // no index next to it; one elsewhere
    put(env, bam, "none/x.bam.c4gh");
    put(env, bai, "indexes/x.bai.c4gh");
  }

  @AfterAll
  static void tearDown() {
    client.close();
  }

  static void put(Map<String, String> env, Path file, String key) {
    CliHarness.runWithHome(env, dir, "put", file.toString(), BUCKET + "/" + key, "--recipient-pk", v("keys/alice.pub")).ok();
  }

  static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("AWS_ACCESS_KEY_ID", S3.accessKey());
    env.put("AWS_SECRET_ACCESS_KEY", S3.secretKey());
    env.put("AWS_ENDPOINT_URL", S3.endpoint().toString());
    env.put("C4GH_PASSPHRASE", CliHarness.ALICE_PASSPHRASE);
    return env;
  }

  Result c4gh(String... args) {
    return CliHarness.runWithHome(env(), home, args);
  }

  /** The SAM lines of the query on the plaintext BAM. */
  static String expected(String contig, int start, int end) throws IOException {
    StringBuilder b = new StringBuilder();
    try (SamReader r = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT)
        .open(SamInputResource.of(bam).index(bai));
        SAMRecordIterator it = r.query(contig, start, end, false)) {
      while (it.hasNext()) {
        String line = it.next().getSAMString();
        b.append(line.endsWith("\n") ? line : line + "\n");
      }
    }
    return b.toString();
  }

  @Test
  void regionQueriesEqualThePlaintext() throws IOException {
    int[][] regions = {{0, 1, 1}, {0, 100_000, 101_000}, {0, 500_000, 520_000}, {1, 1, 5_000}, {1, 599_000, 600_000}};
    for (String layout : new String[] {"enc", "plain"}) {
      for (int[] q : regions) {
        String region = CONTIGS[q[0]] + ":" + q[1] + "-" + q[2];
        String want = expected(CONTIGS[q[0]], q[1], q[2]);
        Result r = c4gh("view", BUCKET + "/" + layout + "/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region", region).ok();
        assertEquals(want, r.out(), layout + " " + region);
      }
    }
    String want = expected("chr1", 200_000, 230_000);
    assertTrue(want.lines().count() > 50, "a region with many reads");
    assertEquals(want, c4gh("view", BUCKET + "/enc/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region", "chr1:200,000-230,000").ok().out());
    // a whole contig
    assertEquals(expected("chr2", 1, 600_000), c4gh("view", BUCKET + "/enc/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region", "chr2").ok().out());
  }

  @Test
  void verboseCountsRangedGets() throws IOException {
    String want = expected("chr1", 300_000, 301_000);
    Result r = c4gh("view", "-v", BUCKET + "/enc/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region", "chr1:300000-301000");
    assertEquals(0, r.status, r.stderr);
    assertEquals(want, r.out());
    Matcher m = Pattern.compile("(\\d+) reads?; (\\d+) ranged GETs of " + BUCKET + "/enc/x.bam.c4gh; index "
        + BUCKET + "/enc/x.bam.bai.c4gh \\(\\d+ bytes\\) in one GET\n").matcher(r.stderr);
    assertTrue(m.matches(), r.stderr);
    assertEquals(want.lines().count(), Long.parseLong(m.group(1)));
    int gets = Integer.parseInt(m.group(2));
    long size = client.headObject(BUCKET, "enc/x.bam.c4gh").size();
    assertTrue(gets >= 1 && gets <= 4, "ranged GETs: " + gets);
    assertTrue(size > 5 * 65536, "the BAM spans many segments: " + size);
  }

  @Test
  void indexOptionAndMissingIndex() throws IOException {
    String line = c4gh("view", BUCKET + "/none/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region", "chr1:1-1000").failedWithOneLine("view");
    assertTrue(line.contains("no index next to " + BUCKET + "/none/x.bam.c4gh") && line.contains("--index"), line);
    assertEquals(expected("chr1", 1, 1000), c4gh("view", BUCKET + "/none/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region",
        "chr1:1-1000", "--index", BUCKET + "/indexes/x.bai.c4gh").ok().out());
    line = c4gh("view", BUCKET + "/none/x.bam.c4gh", "--sk", v("keys/alice.sec"), "--region", "chr1:1-1000", "--index",
        BUCKET + "/indexes/nope.bai").failedWithOneLine("view");
    assertTrue(line.contains("does not exist"), line);
  }

  @Test
  void badArguments() {
    String sk = v("keys/alice.sec");
    assertTrue(c4gh("view", BUCKET + "/enc/x.bam.c4gh", "--sk", sk, "--region", "chr1:5-1").usageError().contains("invalid region"));
    assertTrue(c4gh("view", BUCKET + "/enc/x.bam.c4gh", "--sk", sk, "--region", "chr1:x").usageError().contains("invalid region"));
    assertTrue(c4gh("view", BUCKET + "/enc/x.vcf.gz.c4gh", "--sk", sk, "--region", "chr1").usageError().contains(".bam.c4gh"));
    assertTrue(c4gh("view", BUCKET + "/enc/x.bam.c4gh", "--sk", sk).usageError().contains("region"));
    String line = c4gh("view", BUCKET + "/enc/x.bam.c4gh", "--sk", sk, "--region", "chrX:1-10").failedWithOneLine("view");
    assertTrue(line.contains("contig 'chrX' is not in the header"), line);
    Map<String, String> bob = env();
    bob.put("C4GH_PASSPHRASE", CliHarness.BOB_PASSPHRASE);
    line = CliHarness.runWithHome(bob, home, "view", BUCKET + "/enc/x.bam.c4gh", "--sk", v("keys/bob.sec"), "--region", "chr1").failedWithOneLine("view");
    assertTrue(line.contains("not a recipient"), line);
  }

  private static void writeBam(Path out) {
    List<SAMSequenceRecord> seqs = new ArrayList<>();
    for (int i = 0; i < CONTIGS.length; i++) {
      seqs.add(new SAMSequenceRecord(CONTIGS[i], LENGTHS[i]));
    }
    SAMFileHeader header = new SAMFileHeader(new SAMSequenceDictionary(seqs));
    header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
    Random rnd = new Random(42);
    byte[] acgt = "ACGT".getBytes(StandardCharsets.US_ASCII);
    long total = Arrays.stream(LENGTHS).asLongStream().sum();
    int serial = 0;
    try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(header, true, out)) {
      for (int c = 0; c < CONTIGS.length; c++) {
        int n = (int) (READS * (long) LENGTHS[c] / total);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
          starts[i] = 1 + rnd.nextInt(LENGTHS[c] - READ_LENGTH);
        }
        Arrays.sort(starts);
        for (int start : starts) {
          SAMRecord r = new SAMRecord(header);
          r.setReadName("r" + (serial++));
          r.setReferenceIndex(c);
          r.setAlignmentStart(start);
          r.setCigarString(rnd.nextInt(20) == 0 ? "70M30D80M" : READ_LENGTH + "M");
          r.setMappingQuality(rnd.nextInt(61));
          r.setReadNegativeStrandFlag(rnd.nextBoolean());
          byte[] bases = new byte[READ_LENGTH];
          byte[] quals = new byte[READ_LENGTH];
          for (int i = 0; i < READ_LENGTH; i++) {
            bases[i] = acgt[rnd.nextInt(4)];
            quals[i] = (byte) (2 + rnd.nextInt(39));
          }
          r.setReadBases(bases);
          r.setBaseQualities(quals);
          r.setAttribute("NM", rnd.nextInt(5));
          w.addAlignment(r);
        }
      }
    }
  }
}
