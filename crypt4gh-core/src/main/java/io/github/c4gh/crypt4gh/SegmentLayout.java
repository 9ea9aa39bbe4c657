package io.github.c4gh.crypt4gh;

/**
 * Every size and offset of the Crypt4GH data section, in one place and in {@code long} arithmetic.
 *
 * <p>Plaintext is cut into segments of {@value #SEGMENT_SIZE} bytes; each is stored as a 12-byte
 * nonce, the ChaCha20 ciphertext and a 16-byte Poly1305 tag, so a full encrypted segment is
 * {@value #CIPHER_SEGMENT_SIZE} bytes. Only the last segment may be shorter. Plaintext byte
 * {@code p} therefore lives in segment {@code p / 65536}, which starts at
 * {@code headerLength + (p / 65536) * 65564}.
 *
 * <pre>{@code
 * long encryptedBody = SegmentLayout.ciphertextSize(plaintextLength);
 * long segmentStart = SegmentLayout.segmentOffset(SegmentLayout.segmentIndex(position));
 * }</pre>
 */
public final class SegmentLayout {
  /** Plaintext bytes in a full segment. */
  public static final int SEGMENT_SIZE = 65_536;
  /** Bytes of the per-segment nonce. */
  public static final int NONCE_SIZE = 12;
  /** Bytes of the per-segment Poly1305 tag. */
  public static final int MAC_SIZE = 16;
  /** Bytes an encrypted segment adds to its plaintext (nonce and tag). */
  public static final int OVERHEAD = NONCE_SIZE + MAC_SIZE;
  /** Bytes of a full encrypted segment. */
  public static final int CIPHER_SEGMENT_SIZE = SEGMENT_SIZE + OVERHEAD;

  private SegmentLayout() {}

  /** Number of segments that hold {@code plaintextSize} bytes (0 for an empty plaintext). */
  public static long segmentCount(long plaintextSize) {
    checkNonNegative(plaintextSize, "plaintext size");
    return (plaintextSize + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
  }

  /** Bytes of the data section (all segments) for {@code plaintextSize} bytes of plaintext. */
  public static long ciphertextSize(long plaintextSize) {
    return Math.addExact(plaintextSize, Math.multiplyExact(segmentCount(plaintextSize), (long) OVERHEAD));
  }

  /**
   * Plaintext bytes held by a data section of {@code ciphertextSize} bytes. A final segment of
   * exactly {@value #OVERHEAD} bytes (an empty segment, written by some other implementations) is
   * accepted and holds nothing.
   *
   * @throws Crypt4ghFormatException if the size cannot be a sequence of segments (a final segment
   *     shorter than its nonce and tag)
   */
  public static long plaintextSize(long ciphertextSize) throws Crypt4ghFormatException {
    checkNonNegative(ciphertextSize, "ciphertext size");
    long full = ciphertextSize / CIPHER_SEGMENT_SIZE;
    long rest = ciphertextSize % CIPHER_SEGMENT_SIZE;
    if (rest != 0 && rest < OVERHEAD) {
      throw new Crypt4ghFormatException(
          "the data section ends with a truncated segment of " + rest + " bytes (a segment has at least " + OVERHEAD + ")");
    }
    return full * SEGMENT_SIZE + (rest == 0 ? 0 : rest - OVERHEAD);
  }

  /** Index of the segment that holds plaintext byte {@code plaintextPosition}. */
  public static long segmentIndex(long plaintextPosition) {
    checkNonNegative(plaintextPosition, "position");
    return plaintextPosition / SEGMENT_SIZE;
  }

  /** Offset of segment {@code segmentIndex} from the start of the data section. */
  public static long segmentOffset(long segmentIndex) {
    checkNonNegative(segmentIndex, "segment index");
    return Math.multiplyExact(segmentIndex, (long) CIPHER_SEGMENT_SIZE);
  }

  /** Offset of plaintext position {@code p} from the start of its segment's plaintext. */
  public static int offsetInSegment(long plaintextPosition) {
    checkNonNegative(plaintextPosition, "position");
    return (int) (plaintextPosition % SEGMENT_SIZE);
  }

  private static void checkNonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative: " + value);
    }
  }
}
