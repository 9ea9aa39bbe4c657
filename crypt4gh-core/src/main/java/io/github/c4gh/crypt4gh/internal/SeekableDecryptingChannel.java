package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * A read-only {@link SeekableByteChannel} over the plaintext of a Crypt4GH file held in a seekable
 * ciphertext channel. Position and size are in plaintext bytes after the edit list. A read fetches
 * and opens only the segments it needs (the current one is kept). All offsets are {@code long}.
 * Single-owner: not thread-safe.
 */
public final class SeekableDecryptingChannel implements SeekableByteChannel {
  private static final int SEG = SegmentLayout.SEGMENT_SIZE;
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;

  private final SeekableByteChannel in;
  private final long dataStart;
  private final long cipherBodySize;
  private final SegmentCipher cipher;
  private final long[] ranges; // kept plaintext ranges [s0,e0,s1,e1,...]
  private final long[] viewStarts; // view offset where each range starts
  private final long size;

  // A segment is fetched with one read (the ciphertext channel may be remote: one ranged request
  // per read), together with the next one when the caller's read continues into it; then its
  // ciphertext and tag are moved to offset 0 of their own array: SunJCE (JDK 17) would otherwise
  // copy them into a freshly grown buffer, twice the size, on every open.
  private final byte[] cipherBuf = new byte[2 * CSEG];
  private final ByteBuffer cipherView = ByteBuffer.wrap(cipherBuf);
  private final byte[] bodyBuf = new byte[CSEG - SegmentLayout.NONCE_SIZE];
  private final byte[] plainBuf = new byte[SEG];
  private long loadedSegment = -1;
  private int loadedLength;
  private long aheadSegment = -1; // fetched with the loaded one, still unopened at cipherBuf[CSEG..]
  private int aheadLength;
  private long position;
  private boolean open = true;
  private IOException failure;

  /**
   * @param dataStart offset of the first segment in {@code in} (the header length)
   * @param editList kept ranges from {@code DataEditList.keptRanges(plaintextSize)}, or null
   */
  public SeekableDecryptingChannel(SeekableByteChannel in, long dataStart, SegmentCipher cipher, io.github.c4gh.crypt4gh.DataEditList editList)
      throws IOException {
    this.in = in;
    this.dataStart = dataStart;
    this.cipher = cipher;
    long total = in.size();
    if (total < dataStart) {
      throw new Crypt4ghFormatException("the file is shorter than its header");
    }
    this.cipherBodySize = total - dataStart;
    long plainSize = SegmentLayout.plaintextSize(cipherBodySize);
    this.ranges = editList == null ? new long[] {0, plainSize} : editList.keptRanges(plainSize);
    this.viewStarts = new long[ranges.length / 2];
    long v = 0;
    for (int i = 0; i < viewStarts.length; i++) {
      viewStarts[i] = v;
      v += ranges[2 * i + 1] - ranges[2 * i];
    }
    this.size = v;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    checkReadable();
    if (position >= size) {
      return -1;
    }
    int total = 0;
    try {
      while (dst.hasRemaining() && position < size) {
        int r = rangeOf(position);
        long p = ranges[2 * r] + (position - viewStarts[r]);
        long rangeEnd = ranges[2 * r + 1];
        long segment = p / SEG;
        // fetch the next segment in the same read if this read goes on into it
        boolean spans = p - segment * SEG + dst.remaining() > SEG && rangeEnd > (segment + 1) * SEG;
        load(segment, spans);
        int off = (int) (p - segment * SEG);
        long avail = Math.min(loadedLength - off, rangeEnd - p);
        if (avail <= 0) {
          throw new Crypt4ghFormatException("segment " + segment + " holds less plaintext than the file size implies");
        }
        int n = (int) Math.min(dst.remaining(), avail);
        dst.put(plainBuf, off, n);
        position += n;
        total += n;
      }
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException ? (IOException) e : new IOException(e);
      loadedSegment = -1;
      aheadSegment = -1;
      Arrays.fill(plainBuf, (byte) 0);
      throw e;
    }
    return total;
  }

  private int rangeOf(long viewPosition) {
    int lo = 0;
    int hi = viewStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (viewStarts[mid] <= viewPosition) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * Makes {@code segment} the loaded one: opens it from the ciphertext fetched with the previous
   * segment, or fetches it (and, with {@code withNext}, the segment after it) in one read.
   */
  private void load(long segment, boolean withNext) throws IOException {
    if (segment == loadedSegment) {
      return;
    }
    loadedSegment = -1;
    if (segment == aheadSegment) {
      aheadSegment = -1;
      open(segment, CSEG, aheadLength);
      return;
    }
    aheadSegment = -1;
    long offset = SegmentLayout.segmentOffset(segment);
    int len = (int) Math.min(CSEG, cipherBodySize - offset);
    if (len < SegmentLayout.OVERHEAD) {
      throw new Crypt4ghFormatException("segment " + segment + " is truncated");
    }
    int next = withNext && len == CSEG ? (int) Math.min(CSEG, cipherBodySize - offset - CSEG) : 0;
    if (next < SegmentLayout.OVERHEAD) {
      next = 0; // a truncated next segment is reported when it is read
    }
    ByteBuffer b = cipherView;
    b.clear().limit(len + next);
    long pos = dataStart + offset;
    while (b.hasRemaining()) {
      int n = in.position(pos + b.position()).read(b);
      if (n < 0) {
        throw new Crypt4ghFormatException("the ciphertext ended inside segment " + (b.position() < len ? segment : segment + 1)
            + " (the channel shrank?)");
      }
    }
    open(segment, 0, len);
    if (next > 0) {
      aheadSegment = segment + 1;
      aheadLength = next;
    }
  }

  /** Opens the {@code len} bytes of {@code segment} at {@code cipherBuf[from]} into the plaintext buffer. */
  private void open(long segment, int from, int len) throws IOException {
    int bodyLen = len - SegmentLayout.NONCE_SIZE;
    System.arraycopy(cipherBuf, from + SegmentLayout.NONCE_SIZE, bodyBuf, 0, bodyLen);
    loadedLength = cipher.open(segment, cipherBuf, from, bodyBuf, 0, bodyLen, plainBuf, 0);
    loadedSegment = segment;
  }

  private void checkReadable() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (failure != null) {
      throw new Crypt4ghException("decryption failed earlier; no further plaintext is released", failure);
    }
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    return position;
  }

  /** Moves to plaintext position {@code newPosition}; past the end, reads return -1. */
  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  /** Plaintext size after the edit list. */
  @Override
  public long size() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Closes the ciphertext channel. Idempotent. */
  @Override
  public void close() throws IOException {
    if (open) {
      open = false;
      Arrays.fill(plainBuf, (byte) 0);
      in.close();
    }
  }
}
