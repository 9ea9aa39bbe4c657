package io.github.c4gh.htsjdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A 1-based, inclusive genomic region, and seeded random ones over the test contigs. */
record Region(String contig, int start, int end) {
  /**
   * {@code n} regions from {@code seed}: a random contig, a start anywhere on it (some past its
   * end), a length from 1 to {@code maxLength} on a log scale.
   */
  static List<Region> random(long seed, int n, int maxLength) {
    Random rnd = new Random(seed);
    List<Region> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int c = rnd.nextInt(TestData.CONTIGS.length);
      int contigLength = TestData.LENGTHS[c];
      int start = 1 + rnd.nextInt(contigLength + 1000);
      int length = (int) Math.max(1, Math.round(Math.exp(rnd.nextDouble() * Math.log(maxLength))));
      out.add(new Region(TestData.CONTIGS[c], start, start + length - 1));
    }
    return out;
  }

  @Override
  public String toString() {
    return contig + ":" + start + "-" + end;
  }
}
