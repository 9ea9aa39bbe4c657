package io.github.c4gh.crypt4gh;

/**
 * A data segment failed authentication (its Poly1305 tag does not verify under any data key of the
 * header): the ciphertext was altered, truncated inside a segment, or belongs to another file. No
 * byte of that segment is released, and the channel that raised it refuses further reads.
 */
public class SegmentAuthenticationException extends Crypt4ghException {
  private static final long serialVersionUID = 1L;

  private final long segmentIndex;

  /**
   * An authentication failure of one segment.
   *
   * @param segmentIndex zero-based index of the segment in the file
   * @param cause the underlying cipher error, may be null
   */
  public SegmentAuthenticationException(long segmentIndex, Throwable cause) {
    super("segment " + segmentIndex + " failed authentication: the file is corrupt or was tampered with", cause);
    this.segmentIndex = segmentIndex;
  }

  /** Zero-based index of the segment that failed. */
  public long segmentIndex() {
    return segmentIndex;
  }
}
