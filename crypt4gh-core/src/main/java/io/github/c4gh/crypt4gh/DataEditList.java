package io.github.c4gh.crypt4gh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code data_edit_list} header packet: lengths that alternate skip, keep, skip, keep, ...
 * starting with a skip, applied to the decrypted stream. With an odd count, everything after the
 * last skip is kept; with an even count, the output stops after the last keep. The spec's example
 * is {@code [0, 7853, 71721, 307929, 51299, 38]}. Immutable.
 */
public final class DataEditList {
  /** The largest number of lengths this implementation accepts in one list. */
  public static final int MAX_LENGTHS = 1 << 16;

  private final long[] lengths;

  private DataEditList(long[] lengths) {
    this.lengths = lengths;
  }

  /**
   * An edit list of these lengths.
   *
   * @throws IllegalArgumentException if a length is negative or there are more than {@link #MAX_LENGTHS}
   */
  public static DataEditList of(long... lengths) {
    if (lengths.length > MAX_LENGTHS) {
      throw new IllegalArgumentException("an edit list has at most " + MAX_LENGTHS + " lengths");
    }
    for (long l : lengths) {
      if (l < 0) {
        throw new IllegalArgumentException("edit list lengths are unsigned; got " + l);
      }
    }
    return new DataEditList(lengths.clone());
  }

  /**
   * The edit list that keeps exactly the plaintext range [start, end).
   *
   * @throws IllegalArgumentException unless 0 &lt;= start &lt;= end
   */
  public static DataEditList ofRange(long start, long end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
    return of(start, end - start);
  }

  /** A copy of the lengths. */
  public long[] lengths() {
    return lengths.clone();
  }

  /** Number of lengths. */
  public int size() {
    return lengths.length;
  }

  /**
   * The ranges of the underlying plaintext this list keeps, clipped to {@code plaintextSize}, as
   * {@code [start0, end0, start1, end1, ...]} with empty ranges left out.
   */
  public long[] keptRanges(long plaintextSize) {
    List<long[]> out = new ArrayList<>();
    long pos = 0;
    for (int i = 0; i < lengths.length && pos < plaintextSize; i += 2) {
      pos = saturatingAdd(pos, lengths[i]);
      if (pos >= plaintextSize) {
        break;
      }
      long end = i + 1 < lengths.length ? Math.min(plaintextSize, saturatingAdd(pos, lengths[i + 1])) : plaintextSize;
      if (end > pos) {
        out.add(new long[] {pos, end});
      }
      pos = end;
    }
    long[] flat = new long[out.size() * 2];
    for (int i = 0; i < out.size(); i++) {
      flat[2 * i] = out.get(i)[0];
      flat[2 * i + 1] = out.get(i)[1];
    }
    return flat;
  }

  /** Number of bytes the list keeps of a plaintext of {@code plaintextSize} bytes. */
  public long keptLength(long plaintextSize) {
    long[] r = keptRanges(plaintextSize);
    long total = 0;
    for (int i = 0; i < r.length; i += 2) {
      total += r[i + 1] - r[i];
    }
    return total;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataEditList && Arrays.equals(((DataEditList) o).lengths, lengths);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(lengths);
  }

  @Override
  public String toString() {
    return "DataEditList" + Arrays.toString(lengths);
  }
}
