package io.github.c4gh.bridge.internal;

import io.github.c4gh.crypt4gh.SegmentLayout;

/**
 * Part geometry of an encrypting multipart upload. Every part boundary falls on a segment boundary:
 * part 1 is the header and {@code k} full encrypted segments, every later part {@code k} full
 * segments (only the last part may be shorter). Because the encrypted byte stream has a fixed
 * layout, the cuts are plain byte counts.
 *
 * <p>With a known plaintext length, {@code k} is fixed: the target part size in segments, raised so
 * that 10 000 parts hold the object. With an unknown length, {@code k} starts at the target and
 * doubles every {@value #GROWTH_STEP} parts, so 10 000 parts reach beyond S3's 5 TiB object limit
 * while a stream of up to about {@code 1000 x target} bytes keeps the initial size. A part never
 * exceeds S3's 5 GiB limit.
 */
public final class PartSizer {
  /** The most parts S3 accepts in one upload. */
  public static final int MAX_PARTS = 10_000;
  /** Parts between two doublings of the part size when the length is unknown. */
  public static final int GROWTH_STEP = 1_000;
  /** S3's smallest part (except the last). */
  public static final long MIN_PART = 5L * 1024 * 1024;

  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final long MAX_PART = 5L * 1024 * 1024 * 1024;

  private final long headerLength;
  private final long baseSegments;
  private final long maxSegments;
  private final boolean fixed;

  /**
   * @param headerLength bytes of the Crypt4GH header (part 1 carries it)
   * @param targetPartSize the wanted part size, at least 5 MiB
   * @param expectedPlaintext the plaintext length, or -1 when unknown
   * @throws IllegalArgumentException if the object cannot fit 10 000 parts
   */
  public PartSizer(long headerLength, long targetPartSize, long expectedPlaintext) {
    if (headerLength <= 0 || headerLength > 16L * 1024 * 1024) {
      throw new IllegalArgumentException("implausible header length " + headerLength);
    }
    this.headerLength = headerLength;
    this.maxSegments = (MAX_PART - headerLength) / CSEG;
    long target = ceilDiv(Math.max(targetPartSize, MIN_PART), CSEG);
    if (expectedPlaintext >= 0) {
      long segments = SegmentLayout.segmentCount(expectedPlaintext);
      long k = Math.max(target, ceilDiv(segments, MAX_PARTS));
      if (k > maxSegments) {
        throw new IllegalArgumentException(
            "a plaintext of " + expectedPlaintext + " bytes does not fit 10 000 parts of at most " + maxSegments * CSEG + " bytes");
      }
      this.baseSegments = k;
      this.fixed = true;
    } else {
      this.baseSegments = Math.min(target, maxSegments);
      this.fixed = false;
    }
  }

  /** Full encrypted segments in part {@code partNumber} (1-based) unless it is the last. */
  public long segments(int partNumber) {
    if (partNumber < 1) {
      throw new IllegalArgumentException("part numbers start at 1");
    }
    if (fixed) {
      return baseSegments;
    }
    int doublings = Math.min((partNumber - 1) / GROWTH_STEP, 40);
    long k = baseSegments;
    for (int i = 0; i < doublings && k < maxSegments; i++) {
      k *= 2;
    }
    return Math.min(k, maxSegments);
  }

  /** Bytes of part {@code partNumber} unless it is the last: the header and segments for part 1. */
  public long partBytes(int partNumber) {
    return segments(partNumber) * CSEG + (partNumber == 1 ? headerLength : 0);
  }

  /** Whether the part size is fixed (known length). */
  public boolean fixed() {
    return fixed;
  }

  /** Object bytes held by parts 1 to {@code parts}, all full. */
  public long bytesThrough(int parts) {
    long n = 0;
    for (int p = 1; p <= parts; p++) {
      n += partBytes(p);
    }
    return n;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
