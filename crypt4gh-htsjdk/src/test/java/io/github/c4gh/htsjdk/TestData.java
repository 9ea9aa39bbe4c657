package io.github.c4gh.htsjdk;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.GenotypeBuilder;
import htsjdk.variant.variantcontext.VariantContextBuilder;
import htsjdk.variant.variantcontext.writer.Options;
import htsjdk.variant.variantcontext.writer.VariantContextWriter;
import htsjdk.variant.variantcontext.writer.VariantContextWriterBuilder;
import htsjdk.variant.vcf.VCFFormatHeaderLine;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLine;
import htsjdk.variant.vcf.VCFHeaderLineType;
import htsjdk.variant.vcf.VCFInfoHeaderLine;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Test data made once per JVM (surefire runs all test classes in one): a coordinate-sorted BAM of
 * several MiB with its BAI, and a bgzipped VCF with its tabix index, in plaintext and encrypted
 * layouts. Everything is generated from fixed seeds; only the Crypt4GH key and nonces are random.
 */
final class TestData {
  static final String[] CONTIGS = {"chr1", "chr2", "chr3"};
  static final int[] LENGTHS = {2_000_000, 1_500_000, 1_000_000};
  static final int READS = 24_000;
  static final int READ_LENGTH = 150;
  static final int VARIANTS = 20_000;

  final Path root;
  final Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
  final Crypt4ghPrivateKey otherKey = Crypt4ghPrivateKey.generate();
  final SAMSequenceDictionary dictionary;

  // plaintext
  final Path plainBam;
  final Path plainBai;
  final Path plainVcf;
  final Path plainTbi;

  // encrypted data, each in its own directory with one kind of index next to it
  /** {@code x.bam.c4gh} + {@code x.bam.bai.c4gh}. */
  final Path bamEncIndex;
  /** {@code x.bam.c4gh} + {@code x.bam.bai} (plain). */
  final Path bamPlainIndex;
  /** {@code x.bam.c4gh} + {@code x.bam.c4gh.bai} (encrypted; the name htsjdk itself looks for). */
  final Path bamHtsjdkName;
  /** {@code x.bam.c4gh} alone. */
  final Path bamNoIndex;
  /** {@code x.vcf.gz.c4gh} + {@code x.vcf.gz.tbi.c4gh}. */
  final Path vcfEncIndex;
  /** {@code x.vcf.gz.c4gh} + {@code x.vcf.gz.tbi} (plain). */
  final Path vcfPlainIndex;
  /** {@code x.vcf.gz.c4gh} + {@code x.vcf.gz.c4gh.tbi} (encrypted). */
  final Path vcfHtsjdkName;

  private static TestData instance;

  static synchronized TestData get() {
    if (instance == null) {
      try {
        long t0 = System.nanoTime();
        instance = new TestData();
        System.out.printf("test data generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return instance;
  }

  private TestData() throws IOException {
    root = Files.createTempDirectory("c4gh-htsjdk-test");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(root)));
    List<SAMSequenceRecord> seqs = new ArrayList<>();
    for (int i = 0; i < CONTIGS.length; i++) {
      seqs.add(new SAMSequenceRecord(CONTIGS[i], LENGTHS[i]));
    }
    dictionary = new SAMSequenceDictionary(seqs);

    Path plain = Files.createDirectories(root.resolve("plain"));
    plainBam = plain.resolve("x.bam");
    writeBam(plainBam);
    // htsjdk names the index of x.bam "x.bai"; use the other common name
    plainBai = plain.resolve("x.bam.bai");
    Files.move(plain.resolve("x.bai"), plainBai);
    plainVcf = plain.resolve("x.vcf.gz");
    writeVcf(plainVcf);
    plainTbi = plain.resolve("x.vcf.gz.tbi");
    if (!Files.isRegularFile(plainTbi)) {
      throw new IllegalStateException("htsjdk wrote no tabix index next to " + plainVcf);
    }

    Path encBam = root.resolve("x.bam.c4gh.tmp");
    encrypt(plainBam, encBam);
    Path encBai = root.resolve("x.bam.bai.c4gh.tmp");
    encrypt(plainBai, encBai);
    Path encVcf = root.resolve("x.vcf.gz.c4gh.tmp");
    encrypt(plainVcf, encVcf);
    Path encTbi = root.resolve("x.vcf.gz.tbi.c4gh.tmp");
    encrypt(plainTbi, encTbi);

    bamEncIndex = layout("bam-enc-index", encBam, "x.bam.c4gh", encBai, "x.bam.bai.c4gh");
    bamPlainIndex = layout("bam-plain-index", encBam, "x.bam.c4gh", plainBai, "x.bam.bai");
    bamHtsjdkName = layout("bam-htsjdk-name", encBam, "x.bam.c4gh", encBai, "x.bam.c4gh.bai");
    bamNoIndex = layout("bam-no-index", encBam, "x.bam.c4gh", null, null);
    vcfEncIndex = layout("vcf-enc-index", encVcf, "x.vcf.gz.c4gh", encTbi, "x.vcf.gz.tbi.c4gh");
    vcfPlainIndex = layout("vcf-plain-index", encVcf, "x.vcf.gz.c4gh", plainTbi, "x.vcf.gz.tbi");
    vcfHtsjdkName = layout("vcf-htsjdk-name", encVcf, "x.vcf.gz.c4gh", encTbi, "x.vcf.gz.c4gh.tbi");
  }

  private Path layout(String dir, Path data, String dataName, Path index, String indexName) throws IOException {
    Path d = Files.createDirectories(root.resolve(dir));
    link(data, d.resolve(dataName));
    if (index != null) {
      link(index, d.resolve(indexName));
    }
    return d.resolve(dataName);
  }

  private static void link(Path existing, Path link) throws IOException {
    try {
      Files.createLink(link, existing);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(existing, link);
    }
  }

  void encrypt(Path in, Path out) throws IOException {
    Crypt4ghEncryptor encryptor = Crypt4ghEncryptor.builder().recipient(key.publicKey()).build();
    try (InputStream i = Files.newInputStream(in);
        OutputStream o = encryptor.newEncryptingStream(Files.newOutputStream(out))) {
      i.transferTo(o);
    }
  }

  private void writeBam(Path out) {
    SAMFileHeader header = new SAMFileHeader(dictionary);
    header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
    Random rnd = new Random(42);
    byte[] acgt = "ACGT".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
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
          // a few reads with a deletion, so spans differ from read lengths
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

  private void writeVcf(Path out) {
    Random rnd = new Random(43);
    Set<VCFHeaderLine> lines = new LinkedHashSet<>();
    lines.add(new VCFInfoHeaderLine("DP", 1, VCFHeaderLineType.Integer, "depth"));
    lines.add(new VCFInfoHeaderLine("XR", 1, VCFHeaderLineType.String, "random text, so the file does not compress to nothing"));
    lines.add(new VCFFormatHeaderLine("GT", 1, VCFHeaderLineType.String, "genotype"));
    VCFHeader header = new VCFHeader(lines, List.of("S1"));
    header.setSequenceDictionary(dictionary);
    String bases = "ACGT";
    long total = Arrays.stream(LENGTHS).asLongStream().sum();
    try (VariantContextWriter w = new VariantContextWriterBuilder()
        .setOutputPath(out)
        .setReferenceDictionary(dictionary)
        .setOption(Options.INDEX_ON_THE_FLY)
        .build()) {
      w.writeHeader(header);
      for (int c = 0; c < CONTIGS.length; c++) {
        int n = (int) (VARIANTS * (long) LENGTHS[c] / total);
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) {
          starts[i] = 1 + rnd.nextInt(LENGTHS[c] - 100);
        }
        Arrays.sort(starts);
        for (int i = 0; i < n; i++) {
          int refLen = rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(40) : 1; // some deletions
          StringBuilder ref = new StringBuilder();
          for (int k = 0; k < refLen; k++) {
            ref.append(bases.charAt(rnd.nextInt(4)));
          }
          char alt0;
          do {
            alt0 = bases.charAt(rnd.nextInt(4));
          } while (alt0 == ref.charAt(0));
          Allele r = Allele.create(ref.toString(), true);
          Allele a = Allele.create(refLen == 1 ? String.valueOf(alt0) : ref.substring(0, 1), false);
          w.add(new VariantContextBuilder("test", CONTIGS[c], starts[i], starts[i] + refLen - 1, List.of(r, a))
              .id("v" + c + "_" + i)
              .attribute("DP", rnd.nextInt(100))
              .attribute("XR", Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36) + Long.toString(rnd.nextLong() & Long.MAX_VALUE, 36))
              .genotypes(new GenotypeBuilder("S1", rnd.nextBoolean() ? List.of(r, a) : List.of(a, a)).make())
              .make());
        }
      }
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort at JVM exit
        }
      });
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
  }
}
