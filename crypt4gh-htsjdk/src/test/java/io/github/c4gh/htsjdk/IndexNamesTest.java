package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.htsjdk.internal.IndexNames;
import io.github.c4gh.htsjdk.internal.IndexNames.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where indexes are looked for, best first. */
class IndexNamesTest {
  @Test
  void encryptedBam() {
    assertEquals(List.of(
            "x.bam.bai.c4gh", "x.bai.c4gh", "x.bam.csi.c4gh", "x.csi.c4gh",
            "x.bam.c4gh.bai", "x.bam.c4gh.csi",
            "x.bam.bai", "x.bai", "x.bam.csi", "x.csi"),
        IndexNames.candidates("x.bam.c4gh", Kind.READS));
  }

  @Test
  void encryptedCram() {
    assertEquals(List.of(
            "x.cram.crai.c4gh", "x.crai.c4gh", "x.cram.bai.c4gh", "x.cram.csi.c4gh",
            "x.cram.c4gh.crai", "x.cram.c4gh.bai", "x.cram.c4gh.csi",
            "x.cram.crai", "x.crai", "x.cram.bai", "x.cram.csi"),
        IndexNames.candidates("x.cram.c4gh", Kind.READS));
  }

  @Test
  void plainBamAlsoFindsAnEncryptedIndex() {
    assertEquals(List.of(
            "x.bam.bai.c4gh", "x.bai.c4gh", "x.bam.csi.c4gh", "x.csi.c4gh",
            "x.bam.bai", "x.bai", "x.bam.csi", "x.csi"),
        IndexNames.candidates("x.bam", Kind.READS));
  }

  @Test
  void tabix() {
    assertEquals(List.of("x.vcf.gz.tbi.c4gh", "x.vcf.gz.c4gh.tbi", "x.vcf.gz.tbi"),
        IndexNames.candidates("x.vcf.gz.c4gh", Kind.TABIX));
  }

  @Test
  void plaintextNames() {
    assertEquals("dir/x.bam", IndexNames.plaintextName("dir/x.bam.c4gh"));
    assertEquals("s3://b/x.bam", IndexNames.plaintextName("s3://b/x.bam.C4GH"));
    assertEquals("x.bam", IndexNames.plaintextName("x.bam"));
    assertEquals(".c4gh", IndexNames.plaintextName(".c4gh"));
    assertTrue(IndexNames.isEncryptedName("a.c4gh"));
    assertFalse(IndexNames.isEncryptedName("a.c4gh.bai"));
  }
}
