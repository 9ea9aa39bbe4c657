package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SamInputResource;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.tribble.CloseableTribbleIterator;
import htsjdk.tribble.FeatureReader;
import htsjdk.tribble.TabixFeatureReader;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.vcf.VCFCodec;
import htsjdk.variant.vcf.VCFFileReader;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Kdf;
import io.github.c4gh.crypt4gh.KeyFiles;
import io.github.c4gh.crypt4gh.PassphraseSource;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The code a Picard or GATK style user writes, exactly as in the javadoc of {@link Crypt4ghHtsjdk}
 * and its package, and what htsjdk 4.3 does with its channel wrappers.
 */
class UsageSnippetTest {
  private static TestData data;
  private static SamReader plain;
  private static FileSystem memory;

  @BeforeAll
  static void setUp() {
    data = TestData.get();
    plain = SamReaderFactory.makeDefault().open(SamInputResource.of(data.plainBam).index(data.plainBai));
    memory = Jimfs.newFileSystem("c4gh-snippets", Configuration.unix());
  }

  @AfterAll
  static void tearDown() throws IOException {
    plain.close();
    memory.close();
  }

  private static void assertSameAsPlaintext(SamReader reader) {
    for (Region g : Region.random(31L, 15, 200_000)) {
      assertEquals(BamRegionQueryTest.query(plain, g, false), BamRegionQueryTest.query(reader, g, false), g.toString());
    }
  }

  /**
   * The one-liner with htsjdk's wrappers, on a Path of a non-default file system (as a cloud or S3
   * NIO path is). htsjdk finds the index as {@code x.bam.c4gh.bai}; encrypted or plain, the wrapper
   * decides by content.
   */
  @Test
  void channelWrapperOneLinerOnANonDefaultFileSystem() throws IOException {
    Path dir = Files.createDirectories(memory.getPath("/wrapper"));
    Files.copy(data.bamEncIndex, dir.resolve("x.bam.c4gh"));
    Files.copy(data.bamEncIndex.resolveSibling("x.bam.bai.c4gh"), dir.resolve("x.bam.c4gh.bai"));
    Path path = dir.resolve("x.bam.c4gh");
    Crypt4ghPrivateKey key = data.key;

    // --- the snippet ---
    SamReader reader = SamReaderFactory.makeDefault()
        .open(path, Crypt4ghHtsjdk.channelWrapper(key), Crypt4ghHtsjdk.channelWrapper(key));
    // ---
    try (reader) {
      assertTrue(reader.hasIndex());
      assertSameAsPlaintext(reader);
    }

    // a plain index under the same name works with the same wrapper
    Files.copy(data.plainBai, dir.resolve("x.bam.c4gh.bai"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Function<SeekableByteChannel, SeekableByteChannel> decrypt = Crypt4ghHtsjdk.channelWrapper(key);
    try (SamReader r = SamReaderFactory.makeDefault().open(path, decrypt, decrypt)) {
      assertTrue(r.hasIndex());
      assertSameAsPlaintext(r);
    }
  }

  /**
   * For a local (default file system) Path htsjdk 4.3's {@code SamReaderFactory.open(Path, Function,
   * Function)} sniffs the format through the wrapper but then reopens the file by name, without it,
   * so the encrypted bytes reach the BAM parser and it fails. Hence {@code samInputResource} for
   * local files. (If a future htsjdk applies wrappers to local files, this test will say so.)
   */
  @Test
  void htsjdkIgnoresChannelWrappersForLocalFiles() {
    Path local = data.bamHtsjdkName; // x.bam.c4gh + x.bam.c4gh.bai (encrypted)
    Function<SeekableByteChannel, SeekableByteChannel> decrypt = Crypt4ghHtsjdk.channelWrapper(data.key);
    assertThrows(RuntimeException.class, () -> {
      try (SamReader reader = SamReaderFactory.makeDefault().open(local, decrypt, decrypt);
          SAMRecordIterator it = reader.query("chr1", 1, 100_000, false)) {
        it.next();
      }
    });
  }

  /** The local-file form in the javadoc, with a passphrase-protected key file. */
  @Test
  void localFilesOneLiner() throws IOException {
    Path keyFile = data.root.resolve("snippet.sec");
    if (!Files.exists(keyFile)) {
      KeyFiles.writePrivateKey(keyFile, data.key, Kdf.SCRYPT, "secret".toCharArray(), null, new SecureRandom(), false);
    }
    PassphraseSource passphrase = PassphraseSource.of("secret".toCharArray());

    // --- the snippet ---
    Crypt4ghHtsjdk c4gh = Crypt4ghHtsjdk.fromKeyFile(keyFile, passphrase);
    try (SamReader reader = SamReaderFactory.makeDefault().open(c4gh.samInputResource(data.bamEncIndex));
        SAMRecordIterator it = reader.query("chr1", 100_000, 200_000, false)) {
      List<String> got = new ArrayList<>();
      it.forEachRemaining(record -> got.add(record.getSAMString()));
      // ---
      assertEquals(BamRegionQueryTest.query(plain, new Region("chr1", 100_000, 200_000), false), got);
      assertTrue(got.size() > 100);
    }
    try (FeatureReader<VariantContext> vcf = c4gh.openVcf(data.vcfEncIndex);
        CloseableTribbleIterator<VariantContext> it = vcf.query("chr1", 100_000, 200_000);
        VCFFileReader plainVcf = new VCFFileReader(data.plainVcf, data.plainTbi, true)) {
      List<String> got = new ArrayList<>();
      it.forEach(vc -> got.add(VcfRegionQueryTest.describe(vc)));
      assertEquals(VcfRegionQueryTest.query(plainVcf.query("chr1", 100_000, 200_000)), got);
      assertTrue(got.size() > 100);
    }
  }

  /**
   * htsjdk's own tabix reader takes the wrappers too, on a non-default file system, when called
   * directly: {@code AbstractFeatureReader.getFeatureReader} would not pick it, because it decides
   * "tabix" by the {@code .gz} extension that {@code .c4gh} hides.
   */
  @Test
  void htsjdkTabixFeatureReaderWithWrappersOnANonDefaultFileSystem() throws IOException {
    Path dir = Files.createDirectories(memory.getPath("/tabix"));
    Path vcf = Files.copy(data.vcfEncIndex, dir.resolve("x.vcf.gz.c4gh"));
    Path tbi = Files.copy(data.vcfEncIndex.resolveSibling("x.vcf.gz.tbi.c4gh"), dir.resolve("x.vcf.gz.tbi.c4gh"));
    Function<SeekableByteChannel, SeekableByteChannel> decrypt = Crypt4ghHtsjdk.channelWrapper(data.key);
    try (TabixFeatureReader<VariantContext, ?> reader = new TabixFeatureReader<>(
            vcf.toUri().toString(), tbi.toUri().toString(), new VCFCodec(), decrypt, decrypt);
        VCFFileReader plainVcf = new VCFFileReader(data.plainVcf, data.plainTbi, true)) {
      for (Region g : Region.random(17L, 10, 200_000)) {
        assertEquals(VcfRegionQueryTest.query(plainVcf.query(g.contig(), g.start(), g.end())),
            VcfRegionQueryTest.query(reader.query(g.contig(), g.start(), g.end())), g.toString());
      }
    }
  }
}
