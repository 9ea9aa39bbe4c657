package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Decrypts the data section read sequentially from a channel positioned after the header. Plaintext
 * of a segment is released only after its tag verified. An edit list is applied; segments it skips
 * entirely are read past without being decrypted. After any failure, reads throw. Single-owner.
 */
public final class DecryptingChannel implements ReadableByteChannel {
  private static final int SEG = SegmentLayout.SEGMENT_SIZE;
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;

  private final ReadableByteChannel in;
  private final SegmentCipher cipher;
  private final long[] ranges; // kept ranges of the plaintext, or null for everything
  private final Parallelism parallelism;
  private final int batchSegments;

  private final byte[] cipherBatch;
  private final byte[] plainBatch;
  private final int[] plainLengths;
  private final boolean[] wanted;
  private final int[] cipherLengths;
  private int batchCount; // segments in the current batch
  private int batchCursor; // segment of the batch being served
  private int cursorOffset; // offset in that segment's plaintext
  private long batchFirstSegment;
  private long nextSegment; // index of the next segment to read from the input
  private int rangeIndex;
  private boolean inputDone;
  private boolean open = true;
  private IOException failure;

  /**
   * @param editList kept ranges as from {@code DataEditList.keptRanges(Long.MAX_VALUE)}, or null
   */
  public DecryptingChannel(ReadableByteChannel in, SegmentCipher cipher, long[] editList, Parallelism parallelism) {
    this.in = in;
    this.cipher = cipher;
    this.ranges = editList;
    this.parallelism = parallelism;
    this.batchSegments = parallelism == null ? 1 : parallelism.threads() * 4;
    this.cipherBatch = new byte[batchSegments * CSEG];
    this.plainBatch = new byte[batchSegments * SEG];
    this.plainLengths = new int[batchSegments];
    this.wanted = new boolean[batchSegments];
    this.cipherLengths = new int[batchSegments];
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (failure != null) {
      throw new Crypt4ghException("decryption failed earlier; no further plaintext is released", failure);
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    try {
      int total = 0;
      while (dst.hasRemaining()) {
        int n = serve(dst);
        if (n > 0) {
          total += n;
          continue;
        }
        if (total > 0) {
          return total; // hand over what we have before blocking on more input
        }
        if (!loadBatch()) {
          return -1;
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException ? (IOException) e : new IOException(e);
      Arrays.fill(plainBatch, (byte) 0);
      throw e;
    }
  }

  /** Copies kept plaintext of the current batch into {@code dst}; 0 when the batch is used up. */
  private int serve(ByteBuffer dst) {
    int copied = 0;
    while (dst.hasRemaining() && batchCursor < batchCount) {
      if (!wanted[batchCursor]) {
        batchCursor++;
        cursorOffset = 0;
        continue;
      }
      long segStart = (batchFirstSegment + batchCursor) * SEG;
      int segLen = plainLengths[batchCursor];
      int from = cursorOffset;
      int to = segLen;
      if (ranges != null) {
        // advance to the range containing or following segStart + from
        long p = segStart + from;
        while (rangeIndex < ranges.length && ranges[rangeIndex + 1] <= p) {
          rangeIndex += 2;
        }
        if (rangeIndex >= ranges.length) {
          batchCursor = batchCount;
          inputDone = true;
          break;
        }
        long rs = ranges[rangeIndex];
        long re = ranges[rangeIndex + 1];
        if (rs >= segStart + segLen) {
          batchCursor++;
          cursorOffset = 0;
          continue;
        }
        from = (int) Math.max(from, rs - segStart);
        to = (int) Math.min(segLen, re - segStart);
      }
      int n = Math.min(dst.remaining(), to - from);
      if (n > 0) {
        dst.put(plainBatch, batchCursor * SEG + from, n);
        copied += n;
      }
      cursorOffset = from + n;
      if (cursorOffset >= segLen) {
        batchCursor++;
        cursorOffset = 0;
      }
    }
    return copied;
  }

  /** Reads and opens the next batch of segments; false at the end of the input. */
  private boolean loadBatch() throws IOException {
    if (inputDone) {
      return false;
    }
    batchFirstSegment = nextSegment;
    batchCount = 0;
    batchCursor = 0;
    cursorOffset = 0;
    while (batchCount < batchSegments) {
      int n = readSegment(cipherBatch, batchCount * CSEG);
      if (n == 0) {
        inputDone = true;
        break;
      }
      if (n < SegmentLayout.OVERHEAD) {
        throw new Crypt4ghFormatException(
            "segment " + nextSegment + " is truncated: " + n + " bytes, less than its nonce and tag");
      }
      cipherLengths[batchCount] = n;
      wanted[batchCount] = isWanted(nextSegment);
      batchCount++;
      nextSegment++;
      if (n < CSEG) {
        inputDone = true;
        break;
      }
    }
    if (batchCount == 0) {
      return false;
    }
    if (parallelism == null || batchCount == 1) {
      openRange(cipherLengths, 0, 1);
    } else {
      int workers = Math.min(parallelism.threads(), batchCount);
      List<Future<Integer>> fs = new ArrayList<>(workers);
      for (int w = 1; w < workers; w++) {
        final int first = w;
        fs.add(parallelism.submit(() -> openRange(cipherLengths, first, workers)));
      }
      IOException mine = null;
      try {
        openRange(cipherLengths, 0, workers);
      } catch (IOException e) {
        mine = e;
      }
      IOException lowest = mine;
      for (Future<Integer> f : fs) {
        try {
          Parallelism.await(f);
        } catch (IOException e) {
          lowest = lowerSegment(lowest, e);
        }
      }
      if (lowest != null) {
        throw lowest;
      }
    }
    return true;
  }

  private static IOException lowerSegment(IOException a, IOException b) {
    if (a == null) {
      return b;
    }
    if (a instanceof io.github.c4gh.crypt4gh.SegmentAuthenticationException
        && b instanceof io.github.c4gh.crypt4gh.SegmentAuthenticationException) {
      return ((io.github.c4gh.crypt4gh.SegmentAuthenticationException) a).segmentIndex()
              <= ((io.github.c4gh.crypt4gh.SegmentAuthenticationException) b).segmentIndex()
          ? a
          : b;
    }
    return a;
  }

  private int openRange(int[] cipherLengths, int first, int stride) throws IOException {
    for (int i = first; i < batchCount; i += stride) {
      if (wanted[i]) {
        plainLengths[i] = cipher.open(batchFirstSegment + i, cipherBatch, i * CSEG, cipherLengths[i], plainBatch, i * SEG);
      } else {
        plainLengths[i] = cipherLengths[i] - SegmentLayout.OVERHEAD;
      }
    }
    return 0;
  }

  private boolean isWanted(long segment) {
    if (ranges == null) {
      return true;
    }
    long s = segment * SEG;
    long e = s + SEG;
    for (int r = rangeIndex; r < ranges.length; r += 2) {
      if (ranges[r] >= e) {
        return false;
      }
      if (ranges[r + 1] > s) {
        return true;
      }
    }
    return false;
  }

  /** Reads up to one encrypted segment, tolerating short reads; returns bytes read (0 at EOF). */
  private int readSegment(byte[] buf, int off) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf, off, CSEG);
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        break;
      }
    }
    return b.position() - off;
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Closes the input. Idempotent. */
  @Override
  public void close() throws IOException {
    if (open) {
      open = false;
      Arrays.fill(plainBatch, (byte) 0);
      try {
        in.close();
      } finally {
        if (parallelism != null) {
          parallelism.close();
        }
      }
    }
  }
}
