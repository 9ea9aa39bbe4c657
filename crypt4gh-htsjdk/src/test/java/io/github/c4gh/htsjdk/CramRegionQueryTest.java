package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.CRAMCRAIIndexer;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.reference.FastaReferenceWriter;
import htsjdk.samtools.reference.FastaReferenceWriterBuilder;
import htsjdk.samtools.seekablestream.SeekableFileStream;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Region queries on an encrypted CRAM (with its CRAI, encrypted or plain) match the plaintext. */
class CramRegionQueryTest {
  private static final String[] CONTIGS = {"c1", "c2"};
  private static final int LENGTH = 300_000;
  private static final int READS = 2000;

  @TempDir
  static Path dir;

  private static final Crypt4ghPrivateKey KEY = Crypt4ghPrivateKey.generate();
  private static Path reference;
  private static Path plainCram;
  private static Path plainCrai;

  @BeforeAll
  static void makeCram() throws IOException {
    Random rnd = new Random(11);
    byte[] acgt = "ACGT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[][] sequences = new byte[CONTIGS.length][LENGTH];
    reference = dir.resolve("ref.fa");
    try (FastaReferenceWriter w = new FastaReferenceWriterBuilder()
        .setFastaFile(reference).setMakeFaiOutput(true).setMakeDictOutput(false).build()) {
      for (int c = 0; c < CONTIGS.length; c++) {
        for (int i = 0; i < LENGTH; i++) {
          sequences[c][i] = acgt[rnd.nextInt(4)];
        }
        w.appendSequence(CONTIGS[c], null, sequences[c]);
      }
    }
    List<SAMSequenceRecord> seqs = new ArrayList<>();
    for (String c : CONTIGS) {
      seqs.add(new SAMSequenceRecord(c, LENGTH));
    }
    SAMFileHeader header = new SAMFileHeader(new SAMSequenceDictionary(seqs));
    header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
    plainCram = dir.resolve("x.cram");
    try (SAMFileWriter w = new SAMFileWriterFactory().makeCRAMWriter(header, true, plainCram, reference)) {
      int serial = 0;
      for (int c = 0; c < CONTIGS.length; c++) {
        int[] starts = new int[READS / CONTIGS.length];
        for (int i = 0; i < starts.length; i++) {
          starts[i] = 1 + rnd.nextInt(LENGTH - 100);
        }
        Arrays.sort(starts);
        for (int start : starts) {
          SAMRecord r = new SAMRecord(header);
          r.setReadName("q" + serial++);
          r.setReferenceIndex(c);
          r.setAlignmentStart(start);
          r.setCigarString("100M");
          r.setMappingQuality(60);
          byte[] bases = Arrays.copyOfRange(sequences[c], start - 1, start + 99);
          bases[rnd.nextInt(100)] = acgt[rnd.nextInt(4)]; // a possible mismatch
          byte[] quals = new byte[100];
          for (int i = 0; i < 100; i++) {
            quals[i] = (byte) (10 + rnd.nextInt(30));
          }
          r.setReadBases(bases);
          r.setBaseQualities(quals);
          w.addAlignment(r);
        }
      }
    }
    plainCrai = dir.resolve("x.cram.crai");
    try (SeekableFileStream in = new SeekableFileStream(plainCram.toFile());
        OutputStream out = Files.newOutputStream(plainCrai)) {
      CRAMCRAIIndexer.writeIndex(in, out);
    }
  }

  private static void encrypt(Path in, Path out) throws IOException {
    Files.write(out, ChannelWrapperTest.encrypt(Files.readAllBytes(in), KEY, null));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"encrypted index", "plain index"})
  void randomRegionsMatchThePlaintext(String layout) throws IOException {
    Path sub = Files.createDirectories(dir.resolve(layout.replace(' ', '-')));
    Path cram = sub.resolve("x.cram.c4gh");
    encrypt(plainCram, cram);
    if (layout.equals("encrypted index")) {
      encrypt(plainCrai, sub.resolve("x.cram.crai.c4gh"));
    } else {
      Files.copy(plainCrai, sub.resolve("x.cram.crai"));
    }
    SamReaderFactory factory = SamReaderFactory.makeDefault().referenceSequence(reference);
    try (SamReader plain = factory.open(SamInputResource.of(plainCram).index(plainCrai));
        SamReader enc = factory.open(Crypt4ghHtsjdk.of(KEY).samInputResource(cram))) {
      assertEquals(SamReader.Type.CRAM_TYPE, enc.type());
      assertTrue(enc.hasIndex());
      Random rnd = new Random(12);
      int nonEmpty = 0;
      for (int i = 0; i < 15; i++) {
        String contig = CONTIGS[rnd.nextInt(CONTIGS.length)];
        int start = 1 + rnd.nextInt(LENGTH);
        Region g = new Region(contig, start, start + rnd.nextInt(20_000));
        List<String> expected = BamRegionQueryTest.query(plain, g, false);
        assertEquals(expected, BamRegionQueryTest.query(enc, g, false), g.toString());
        if (!expected.isEmpty()) {
          nonEmpty++;
        }
      }
      assertTrue(nonEmpty >= 10, "regions with reads: " + nonEmpty);
    }
  }
}
