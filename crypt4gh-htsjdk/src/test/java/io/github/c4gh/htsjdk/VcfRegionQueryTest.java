package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.util.CloseableIterator;
import htsjdk.tribble.CloseableTribbleIterator;
import htsjdk.tribble.FeatureReader;
import htsjdk.tribble.index.tabix.TabixIndex;
import htsjdk.tribble.readers.TabixReader;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFFileReader;
import htsjdk.variant.vcf.VCFHeader;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Region queries on an encrypted, tabix-indexed VCF give exactly the plaintext's records. */
class VcfRegionQueryTest {
  private static TestData data;
  private static Crypt4ghHtsjdk c4gh;
  private static VCFFileReader plain;

  @BeforeAll
  static void setUp() {
    data = TestData.get();
    c4gh = Crypt4ghHtsjdk.of(data.key);
    plain = new VCFFileReader(data.plainVcf, data.plainTbi, true);
  }

  @AfterAll
  static void tearDown() {
    plain.close();
  }

  /** Everything a record says, genotypes included. */
  static String describe(VariantContext vc) {
    return vc.getContig() + ":" + vc.getStart() + "-" + vc.getEnd() + " " + vc.getID() + " " + vc.getAlleles()
        + " " + vc.getAttributes() + " " + vc.getGenotypes();
  }

  static List<String> query(CloseableIterator<VariantContext> it) {
    List<String> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(vc -> out.add(describe(vc)));
    }
    return out;
  }

  private static Path layout(String name) {
    switch (name) {
      case "encrypted index":
        return data.vcfEncIndex;
      case "plain index":
        return data.vcfPlainIndex;
      case "htsjdk's index name":
        return data.vcfHtsjdkName;
      default:
        throw new IllegalArgumentException(name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"encrypted index", "plain index", "htsjdk's index name"})
  void fiftyRandomRegionsMatchThePlaintext(String layout) throws IOException {
    int nonEmpty = 0;
    try (FeatureReader<VariantContext> reader = c4gh.openVcf(layout(layout))) {
      assertTrue(reader.isQueryable());
      VCFHeader header = (VCFHeader) reader.getHeader();
      assertEquals(plain.getFileHeader().getGenotypeSamples(), header.getGenotypeSamples());
      assertEquals(plain.getFileHeader().getSequenceDictionary(), header.getSequenceDictionary());
      assertEquals(List.of(TestData.CONTIGS), reader.getSequenceNames());
      for (Region g : Region.random(20260102L, 50, 300_000)) {
        List<String> expected = query(plain.query(g.contig(), g.start(), g.end()));
        assertEquals(expected, query(reader.query(g.contig(), g.start(), g.end())), g.toString());
        if (!expected.isEmpty()) {
          nonEmpty++;
        }
      }
      assertEquals(List.of(), query(reader.query("chrUnknown", 1, 1000)));
    }
    assertTrue(nonEmpty >= 20, "many regions should hold variants, " + nonEmpty + " did");
  }

  @Test
  void indexesAreFoundUnderEachName() {
    assertEquals("x.vcf.gz.tbi.c4gh", Crypt4ghHtsjdk.findTabixIndex(data.vcfEncIndex).orElseThrow().getFileName().toString());
    assertEquals("x.vcf.gz.tbi", Crypt4ghHtsjdk.findTabixIndex(data.vcfPlainIndex).orElseThrow().getFileName().toString());
    assertEquals("x.vcf.gz.c4gh.tbi", Crypt4ghHtsjdk.findTabixIndex(data.vcfHtsjdkName).orElseThrow().getFileName().toString());
    assertEquals("x.vcf.gz.tbi", Crypt4ghHtsjdk.findTabixIndex(data.plainVcf).orElseThrow().getFileName().toString());
    assertThrows(NoSuchFileException.class, () -> c4gh.openVcf(data.bamNoIndex));
  }

  @Test
  void wholeFileIterationMatchesThePlaintext() throws IOException {
    try (FeatureReader<VariantContext> reader = c4gh.openVcf(data.vcfEncIndex)) {
      List<String> expected = query(plain.iterator());
      assertTrue(expected.size() > TestData.VARIANTS * 9 / 10);
      assertEquals(expected, query(reader.iterator()));
      // and queries still work after a full pass
      Region g = new Region("chr3", 10_000, 90_000);
      assertEquals(query(plain.query(g.contig(), g.start(), g.end())), query(reader.query(g.contig(), g.start(), g.end())));
    }
  }

  @Test
  void anOlderIteratorIsInvalidatedByANewerOne() throws IOException {
    try (FeatureReader<VariantContext> reader = c4gh.openVcf(data.vcfEncIndex)) {
      CloseableTribbleIterator<VariantContext> first = reader.query("chr1", 1, 500_000);
      assertTrue(first.hasNext());
      CloseableTribbleIterator<VariantContext> second = reader.query("chr2", 1, 500_000);
      assertThrows(ConcurrentModificationException.class, first::hasNext);
      assertTrue(second.hasNext());
      assertEquals("chr2", second.next().getContig());
    }
  }

  /** Tabix queries, too, read only the segments holding the blocks of their chunks. */
  @Test
  void aRegionQueryDecryptsFewSegments() throws IOException {
    long dataStart;
    try (SeekableByteChannel ch = Files.newByteChannel(data.vcfEncIndex)) {
      dataStart = Header.read(ch).encodedLength();
    }
    long totalSegments = (Files.size(data.vcfEncIndex) - dataStart + SegmentLayout.CIPHER_SEGMENT_SIZE - 1)
        / SegmentLayout.CIPHER_SEGMENT_SIZE;
    TabixIndex tbi = new TabixIndex(data.plainTbi);
    CountingChannel counting = new CountingChannel(Files.newByteChannel(data.vcfEncIndex), dataStart);
    Path index = Crypt4ghHtsjdk.findTabixIndex(data.vcfEncIndex).orElseThrow();
    int queries = 0;
    long decrypted = 0;
    try (FeatureReader<VariantContext> reader =
        c4gh.openTabixIndexed(counting, data.vcfEncIndex.toString(), Files.newByteChannel(index), new VCFCodec())) {
      for (Region g : Region.random(5L, 20, 20_000)) {
        counting.reset();
        List<String> records = query(reader.query(g.contig(), g.start(), g.end()));
        assertEquals(query(plain.query(g.contig(), g.start(), g.end())), records, g.toString());
        long allowed = tbi.getBlocks(g.contig(), g.start(), g.end()).stream()
            .mapToLong(b -> (b.getEndPosition() >>> 16) / SegmentLayout.SEGMENT_SIZE - (b.getStartPosition() >>> 16) / SegmentLayout.SEGMENT_SIZE + 2)
            .sum();
        assertTrue(counting.segmentLoads().size() <= allowed, g + ": " + counting.segmentLoads() + " for " + allowed);
        assertTrue(counting.segmentLoads().size() < totalSegments);
        queries++;
        decrypted += counting.segmentLoads().size();
      }
    }
    assertTrue(totalSegments >= 5, "the VCF should span several segments, has " + totalSegments);
    System.out.printf("VCF of %d segments: %d region queries (<= 20 kb) decrypted %.2f segments on average%n",
        totalSegments, queries, decrypted / (double) queries);
  }

  /** htsjdk's own tabix reader reads a plain .tbi while the data comes through this module's stream. */
  @Test
  void htsjdkTabixReaderOverTheDecryptingStream() throws IOException {
    TabixReader tabix = new TabixReader("x.vcf.gz", data.plainTbi.toString(), c4gh.seekableStream(data.vcfPlainIndex));
    try {
      TabixReader.Iterator it = tabix.query("chr2", 100_000, 200_000);
      int n = 0;
      while (it.next() != null) {
        n++;
      }
      assertEquals(query(plain.query("chr2", 100_001, 200_000)).size(), n);
    } finally {
      tabix.close();
    }
  }
}
