package io.github.c4gh.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.crypt4gh.SegmentLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartSizerTest {
  static final long CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  static final long MIB = 1 << 20;
  static final long GIB = 1L << 30;
  static final long HEADER = 232;

  @Test
  void partsAreWholeSegmentsAndPartOneCarriesTheHeader() {
    PartSizer s = new PartSizer(HEADER, 8 * MIB, -1);
    assertEquals(128, s.segments(1)); // 8 MiB rounded up to segments
    assertEquals(HEADER + 128 * CSEG, s.partBytes(1));
    assertEquals(128 * CSEG, s.partBytes(2));
    assertFalse(s.fixed());
  }

  @Test
  void neverBelowFiveMib() {
    PartSizer s = new PartSizer(HEADER, 1, 10 * MIB);
    assertEquals(80, s.segments(1));
    assertTrue(s.partBytes(2) >= 5 * MIB);
    assertTrue(79 * CSEG < 5 * MIB);
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 65_536, 5 * 1024 * 1024, 100L << 30, 1L << 40, 5L << 40})
  void knownLengthsFitTenThousandParts(long plaintext) {
    PartSizer s = new PartSizer(HEADER, 8 * MIB, plaintext);
    assertTrue(s.fixed());
    long object = HEADER + SegmentLayout.ciphertextSize(plaintext);
    long k = s.segments(1);
    long parts = Math.max(1, (SegmentLayout.segmentCount(plaintext) + k - 1) / k);
    assertTrue(parts <= PartSizer.MAX_PARTS, plaintext + " needs " + parts + " parts");
    assertTrue(s.partBytes(1) <= 5 * GIB);
    assertTrue(s.partBytes(2) >= PartSizer.MIN_PART);
    if (plaintext <= 1000L * 8 * MIB) {
      assertEquals(128, k, "small objects keep the target size");
    }
    assertTrue(object <= (long) PartSizer.MAX_PARTS * s.partBytes(2) + HEADER);
  }

  @Test
  void aTebibyteGetsPartsOfAboutOneHundredAndFiveMib() {
    PartSizer s = new PartSizer(HEADER, 8 * MIB, 1L << 40);
    long k = s.segments(1);
    assertEquals((16_777_216 + 9_999) / 10_000, k);
    assertTrue(s.partBytes(2) > 104 * MIB && s.partBytes(2) < 106 * MIB, "part " + s.partBytes(2));
  }

  @Test
  void unknownLengthsGrowEveryThousandParts() {
    PartSizer s = new PartSizer(HEADER, 8 * MIB, -1);
    assertEquals(128, s.segments(1000));
    assertEquals(256, s.segments(1001));
    assertEquals(512, s.segments(2001));
    // 10 000 parts hold more than S3's 5 TiB object limit, and no part exceeds 5 GiB
    long total = s.bytesThrough(PartSizer.MAX_PARTS);
    assertTrue(total > 5L << 40, "total " + total);
    for (int p = 1; p <= PartSizer.MAX_PARTS; p += 499) {
      assertTrue(s.partBytes(p) <= 5 * GIB);
      assertTrue(s.partBytes(p) >= s.partBytes(Math.max(1, p - 1)) - HEADER);
    }
    // about 8 GB go in parts of the target size
    assertTrue(s.bytesThrough(1000) > 8_000_000_000L);
  }

  @Test
  void rejectsWhatCannotFit() {
    assertThrows(IllegalArgumentException.class, () -> new PartSizer(HEADER, 8 * MIB, 60L << 40));
    assertThrows(IllegalArgumentException.class, () -> new PartSizer(0, 8 * MIB, 10));
    assertThrows(IllegalArgumentException.class, () -> new PartSizer(HEADER, 8 * MIB, -1).segments(0));
  }

  @Test
  void partsNeverExceedFiveGib() {
    PartSizer s = new PartSizer(HEADER, 5 * GIB, -1);
    assertTrue(s.partBytes(1) <= 5 * GIB);
    assertTrue(s.partBytes(9_999) <= 5 * GIB);
  }
}
