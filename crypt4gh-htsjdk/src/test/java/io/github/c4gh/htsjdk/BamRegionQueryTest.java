package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.BAMFileSpan;
import htsjdk.samtools.BAMIndex;
import htsjdk.samtools.Chunk;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import htsjdk.samtools.util.BlockCompressedFilePointerUtil;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.SegmentLayout;
import io.github.c4gh.htsjdk.internal.ChannelSeekableStream;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Region queries on an encrypted BAM give exactly the plaintext's records, decrypting little. */
class BamRegionQueryTest {
  private static TestData data;
  private static Crypt4ghHtsjdk c4gh;
  private static SamReader plain;

  @BeforeAll
  static void setUp() {
    data = TestData.get();
    c4gh = Crypt4ghHtsjdk.of(data.key);
    plain = SamReaderFactory.makeDefault().open(SamInputResource.of(data.plainBam).index(data.plainBai));
  }

  @AfterAll
  static void tearDown() throws IOException {
    plain.close();
  }

  static List<String> query(SamReader reader, Region g, boolean contained) {
    List<String> out = new ArrayList<>();
    try (SAMRecordIterator it = reader.query(g.contig(), g.start(), g.end(), contained)) {
      it.forEachRemaining(r -> out.add(r.getSAMString()));
    }
    return out;
  }

  private static Path layout(String name) {
    switch (name) {
      case "encrypted index":
        return data.bamEncIndex;
      case "plain index":
        return data.bamPlainIndex;
      case "htsjdk's index name":
        return data.bamHtsjdkName;
      default:
        throw new IllegalArgumentException(name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"encrypted index", "plain index", "htsjdk's index name"})
  void fiftyRandomRegionsMatchThePlaintext(String layout) throws IOException {
    int nonEmpty = 0;
    try (SamReader reader = SamReaderFactory.makeDefault().open(c4gh.samInputResource(layout(layout)))) {
      assertTrue(reader.hasIndex());
      assertEquals(plain.getFileHeader(), reader.getFileHeader());
      int i = 0;
      for (Region g : Region.random(20260101L, 50, 300_000)) {
        boolean contained = i++ % 5 == 0;
        List<String> expected = query(plain, g, contained);
        assertEquals(expected, query(reader, g, contained), g + (contained ? " (contained)" : ""));
        if (!expected.isEmpty()) {
          nonEmpty++;
        }
      }
    }
    assertTrue(nonEmpty >= 30, "most regions should hold reads, " + nonEmpty + " did");
  }

  @Test
  void indexesAreFoundUnderEachName() {
    assertEquals("x.bam.bai.c4gh", Crypt4ghHtsjdk.findIndex(data.bamEncIndex).orElseThrow().getFileName().toString());
    assertEquals("x.bam.bai", Crypt4ghHtsjdk.findIndex(data.bamPlainIndex).orElseThrow().getFileName().toString());
    assertEquals("x.bam.c4gh.bai", Crypt4ghHtsjdk.findIndex(data.bamHtsjdkName).orElseThrow().getFileName().toString());
    assertTrue(Crypt4ghHtsjdk.findIndex(data.bamNoIndex).isEmpty());
    assertEquals("x.bam.bai", Crypt4ghHtsjdk.findIndex(data.plainBam).orElseThrow().getFileName().toString());
  }

  @Test
  void wholeFileIterationWithoutIndexMatchesThePlaintext() throws IOException {
    try (SamReader reader = c4gh.openSamReader(SamReaderFactory.makeDefault(), data.bamNoIndex);
        SAMRecordIterator enc = reader.iterator();
        SAMRecordIterator pl = plain.iterator()) {
      assertFalse(reader.hasIndex());
      int n = 0;
      while (pl.hasNext()) {
        assertTrue(enc.hasNext());
        assertEquals(pl.next().getSAMString(), enc.next().getSAMString());
        n++;
      }
      assertFalse(enc.hasNext());
      assertTrue(n > TestData.READS * 9 / 10, "records: " + n);
    }
  }

  @Test
  void aPlainBamReadsThroughTheSameCalls() throws IOException {
    try (SamReader reader = c4gh.openSamReader(SamReaderFactory.makeDefault(), data.plainBam)) {
      assertTrue(reader.hasIndex());
      Region g = new Region("chr2", 700_000, 760_000);
      assertEquals(query(plain, g, false), query(reader, g, false));
    }
  }

  /**
   * htsjdk tells BAM from CRAM from SAM for a stream by its source name: the source must be the
   * plaintext name ({@code x.bam}). With the encrypted name the stream is taken for SAM text.
   */
  @Test
  void streamSourceMustBeThePlaintextName() throws IOException {
    Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(data.key).build();
    try (SamReader reader = SamReaderFactory.makeDefault().open(SamInputResource.of(
        new ChannelSeekableStream(decryptor.newSeekableDecryptingChannel(Files.newByteChannel(data.bamNoIndex)), "dir/x.bam")))) {
      assertEquals(SamReader.Type.BAM_TYPE, reader.type());
    }
    try (SeekableByteChannel ch = decryptor.newSeekableDecryptingChannel(Files.newByteChannel(data.bamNoIndex))) {
      assertThrows(RuntimeException.class, () -> {
        try (SamReader reader = SamReaderFactory.makeDefault().validationStringency(ValidationStringency.STRICT)
            .open(SamInputResource.of(new ChannelSeekableStream(ch, "dir/x.bam.c4gh")))) {
          reader.getFileHeader();
          reader.iterator().next();
        }
      });
    }
    // what this module's streams report
    try (var s = c4gh.seekableStream(data.bamNoIndex)) {
      assertEquals(data.bamNoIndex.toString().replaceAll("\\.c4gh$", ""), s.getSource());
    }
  }

  @Test
  void aKeyThatIsNoRecipientIsRefused() {
    Crypt4ghHtsjdk other = Crypt4ghHtsjdk.of(data.otherKey);
    IOException e = assertThrows(IOException.class, () -> other.samInputResource(data.bamEncIndex));
    assertTrue(e instanceof io.github.c4gh.crypt4gh.NoDataKeyException, e.toString());
  }

  /**
   * A region query decrypts only the segments holding the BGZF blocks of the BAI chunks it reads
   * (plus htsjdk's 128 KiB read-ahead), far fewer than the file has.
   */
  @Test
  void aRegionQueryDecryptsOnlyTheSegmentsOfItsChunks() throws IOException {
    long dataStart;
    long fileSize = Files.size(data.bamEncIndex);
    try (SeekableByteChannel ch = Files.newByteChannel(data.bamEncIndex)) {
      dataStart = Header.read(ch).encodedLength();
    }
    long totalSegments = (fileSize - dataStart + SegmentLayout.CIPHER_SEGMENT_SIZE - 1) / SegmentLayout.CIPHER_SEGMENT_SIZE;
    assertTrue(totalSegments >= 40, "the BAM should span tens of segments, has " + totalSegments);

    Path index = Crypt4ghHtsjdk.findIndex(data.bamEncIndex).orElseThrow();
    int queries = 0;
    long decrypted = 0;
    long spanSegments = 0;
    int maxDecrypted = 0;
    for (Region g : Region.random(99L, 40, 50_000)) {
      // a fresh reader per query, so that no segment or buffer is left over from another query
      CountingChannel counting = new CountingChannel(Files.newByteChannel(data.bamEncIndex), dataStart);
      try (SamReader reader = SamReaderFactory.makeDefault()
          .open(c4gh.samInputResource(counting, data.bamEncIndex.toString(), Files.newByteChannel(index)))) {
        reader.getFileHeader();
        BAMIndex bai = reader.indexing().getIndex();
        TreeSet<Long> readWhenOpening = counting.segments();
        int ref = reader.getFileHeader().getSequenceIndex(g.contig());
        BAMFileSpan span = bai.getSpanOverlapping(ref, g.start(), g.end());
        counting.reset();
        List<String> records = query(reader, g, false);
        assertEquals(query(plain, g, false), records, g.toString());
        TreeSet<Long> read = counting.segments();
        List<Long> loads = counting.segmentLoads();
        if (span == null || span.getChunks().isEmpty()) {
          assertTrue(records.isEmpty());
          assertTrue(loads.isEmpty(), g + ": no chunks, yet " + loads + " segments decrypted");
          continue;
        }
        // The segments the chunks live in (every BGZF block is at most 64 KiB; htsjdk reads 128 KiB
        // ahead from where it seeks), and the one holding the first chunk's first block.
        TreeSet<Long> allowed = new TreeSet<>();
        TreeSet<Long> spanned = new TreeSet<>();
        for (Chunk c : span.getChunks()) {
          long from = BlockCompressedFilePointerUtil.getBlockAddress(c.getChunkStart());
          long to = BlockCompressedFilePointerUtil.getBlockAddress(c.getChunkEnd());
          addSegments(spanned, from, to);
          addSegments(allowed, from, to + 65_536 + 128 * 1024);
        }
        long first = BlockCompressedFilePointerUtil.getBlockAddress(span.getChunks().get(0).getChunkStart())
            / SegmentLayout.SEGMENT_SIZE;
        assertTrue(read.contains(first) || readWhenOpening.contains(first),
            g + ": the first chunk's segment " + first + " was not read: " + read);
        assertTrue(allowed.containsAll(read), g + ": read " + read + " outside the chunk span " + allowed);
        assertEquals(read.size(), loads.size(), g + ": a segment was decrypted twice: " + loads);
        assertTrue(loads.size() <= allowed.size(), g + ": " + loads + " decrypted for span " + allowed);
        assertTrue(loads.size() * 4 < totalSegments, g + ": " + loads.size() + " of " + totalSegments);
        queries++;
        decrypted += loads.size();
        spanSegments += spanned.size();
        maxDecrypted = Math.max(maxDecrypted, loads.size());
      }
    }
    assertTrue(queries >= 30, "queries with chunks: " + queries);
    System.out.printf("BAM of %d segments: %d region queries (<= 50 kb) decrypted %.2f segments on average "
            + "(max %d); their BAI chunks span %.2f segments on average%n",
        totalSegments, queries, decrypted / (double) queries, maxDecrypted, spanSegments / (double) queries);
  }

  /** Plaintext byte offsets [from, to] of the data map to segments from/64Ki .. to/64Ki. */
  private static void addSegments(TreeSet<Long> set, long from, long to) {
    for (long s = from / SegmentLayout.SEGMENT_SIZE; s <= to / SegmentLayout.SEGMENT_SIZE; s++) {
      set.add(s);
    }
  }
}
