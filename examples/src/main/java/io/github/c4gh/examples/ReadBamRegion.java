package io.github.c4gh.examples;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import io.github.c4gh.allas.AllasClient;
import io.github.c4gh.bridge.AllasCrypt4gh;
import io.github.c4gh.bridge.UploadOptions;
import io.github.c4gh.crypt4gh.Crypt4ghDecryptor;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.htsjdk.Crypt4ghHtsjdk;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Reads one region of an encrypted BAM in a bucket without downloading the file: htsjdk reads the
 * (encrypted) BAI index and then just the BGZF blocks of the region, each read a ranged GET through
 * the bridge's seekable decrypting channel. The example writes a small coordinate-sorted BAM and its
 * BAI with htsjdk, encrypts and uploads both, queries {@code chr1:50000-50300}, prints the records
 * and the number of ranged GETs. Runs on an embedded S3Proxy unless an endpoint is given (see
 * {@link ExampleServer}).
 *
 * <pre>{@code
 * java ... io.github.c4gh.examples.ReadBamRegion
 * }</pre>
 */
public final class ReadBamRegion {
  private ReadBamRegion() {}

  /**
   * Runs the example.
   *
   * @param args server arguments ({@link ExampleServer})
   * @throws Exception on any failure
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("c4gh-bam");
    Path bamFile = dir.resolve("sample.bam");
    int expected = writeBam(bamFile, 50_000, 50_300);
    Path baiFile = dir.resolve("sample.bai");
    if (!Files.exists(baiFile)) {
      baiFile = dir.resolve("sample.bam.bai");
    }
    System.out.printf("wrote %s (%d bytes) and its index (%d bytes)%n", bamFile, Files.size(bamFile), Files.size(baiFile));

    try (ExampleServer server = ExampleServer.open(args)) {
      AllasClient allas = server.owner();
      String bucket = server.newBucketName("bam");
      allas.createBucket(bucket);
      Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
      Crypt4ghEncryptor encryptor =
          Crypt4ghEncryptor.builder().recipient(key.publicKey()).recipient(Crypt4ghEncryptor.CSC_SENSITIVE_DATA_PUBLIC_KEY).build();
      AllasCrypt4gh uploader = AllasCrypt4gh.create(allas);
      long bamObject = uploader.upload(bucket, "sample.bam.c4gh", encryptor, bamFile, UploadOptions.defaults()).objectBytes();
      uploader.upload(bucket, "sample.bai.c4gh", encryptor, baiFile, UploadOptions.defaults());
      System.out.printf("uploaded %s/sample.bam.c4gh (%d bytes) and sample.bai.c4gh to %s%n", bucket, bamObject, server.describe());

      CountingS3 counting = CountingS3.wrap(allas.s3());
      AllasCrypt4gh bridge = AllasCrypt4gh.create(counting.client());
      Crypt4ghDecryptor decryptor = Crypt4ghDecryptor.builder().privateKey(key).build();
      SeekableByteChannel bam = bridge.newSeekableDecryptingChannel(bucket, "sample.bam.c4gh", decryptor);
      SeekableByteChannel bai = bridge.newSeekableDecryptingChannel(bucket, "sample.bai.c4gh", decryptor);
      int found = 0;
      try (SamReader reader = SamReaderFactory.makeDefault().open(Crypt4ghHtsjdk.of(key).samInputResource(bam, "sample.bam", bai));
           SAMRecordIterator it = reader.query("chr1", 50_000, 50_300, false)) {
        while (it.hasNext()) {
          SAMRecord rec = it.next();
          if (found++ < 5) {
            System.out.println("  " + rec.getReadName() + " " + rec.getContig() + ":" + rec.getAlignmentStart() + "-" + rec.getAlignmentEnd());
          }
        }
      }
      System.out.printf("chr1:50000-50300: %d records (%d expected), read with %d ranged GETs from a %d-byte object%n",
          found, expected, counting.getObjectRequests(), bamObject);
      if (found != expected) {
        throw new AssertionError("wrong number of records");
      }
      allas.deleteBucketAndAllObjects(bucket);
    } finally {
      Examples.deleteTree(dir);
    }
  }

  /** Writes a sorted BAM with its BAI; returns how many reads overlap [from, to] on chr1. */
  private static int writeBam(Path bam, int from, int to) {
    SAMFileHeader header = new SAMFileHeader();
    header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
    header.setSequenceDictionary(new SAMSequenceDictionary(List.of(new SAMSequenceRecord("chr1", 2_000_000), new SAMSequenceRecord("chr2", 1_000_000))));
    SplittableRandom random = new SplittableRandom(2026);
    byte[] acgt = {'A', 'C', 'G', 'T'};
    int overlapping = 0;
    try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(header, true, bam)) {
      for (String contig : List.of("chr1", "chr2")) {
        for (int i = 0; i < 20_000; i++) {
          int start = 1 + i * 50;
          byte[] bases = new byte[100];
          byte[] quals = new byte[100];
          for (int j = 0; j < 100; j++) {
            bases[j] = acgt[random.nextInt(4)];
            quals[j] = (byte) (20 + random.nextInt(20));
          }
          SAMRecord r = new SAMRecord(header);
          r.setReadName(contig + "-read" + i);
          r.setReferenceName(contig);
          r.setAlignmentStart(start);
          r.setCigarString("100M");
          r.setMappingQuality(60);
          r.setReadBases(bases);
          r.setBaseQualities(quals);
          w.addAlignment(r);
          if (contig.equals("chr1") && start <= to && start + 99 >= from) {
            overlapping++;
          }
        }
      }
    }
    return overlapping;
  }
}
