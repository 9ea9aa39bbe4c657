package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.SegmentAuthenticationException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.Arrays;
import java.util.concurrent.Future;

/**
 * Decrypts the data section read sequentially from a channel positioned after the header. Plaintext
 * of a segment is released only after its tag verified. An edit list is applied; segments it skips
 * entirely are read past without being decrypted. After any failure, reads throw. Single-owner.
 *
 * <p>Each segment is read as its nonce and, apart, its ciphertext and tag at offset 0 of an array of
 * its own, the layout in which SunJCE opens without copying. Without a pool a segment is opened on
 * the reading thread, straight into the caller's heap buffer when the whole segment fits there and
 * no edit list applies (zeroed again if it does not authenticate). With a {@link Parallelism} the
 * segments come in batches: while the pool opens one batch, the reading thread reads the next and
 * hands out the previous one, so memory stays at two batches.
 */
public final class DecryptingChannel implements ReadableByteChannel {
  private static final int SEG = SegmentLayout.SEGMENT_SIZE;
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final int NONCE = SegmentLayout.NONCE_SIZE;
  private static final int BODY = CSEG - NONCE;

  private final ReadableByteChannel in;
  private final SegmentCipher cipher;
  private final long[] ranges; // kept ranges of the plaintext, or null for everything
  private final Parallelism parallelism;

  private Batch front; // the batch being handed out (authenticated)
  private Batch back; // the other one: being opened on the pool when backInFlight
  private boolean backInFlight;
  private IOException deferred; // a failure reading the batch after the one being opened

  private int batchCursor; // segment of the front batch being served
  private int cursorOffset; // offset in that segment's plaintext
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
    int batchSegments = parallelism == null ? 1 : parallelism.threads() * 4;
    this.front = new Batch(batchSegments, parallelism != null);
    this.back = parallelism == null ? null : new Batch(batchSegments, true);
  }

  /** A batch of segments: ciphertext as read and plaintext once opened. */
  private static final class Batch {
    final byte[] nonces;
    final ByteBuffer nonceView;
    final byte[][] bodies; // ciphertext and tag of each segment, at offset 0
    final ByteBuffer[] bodyViews;
    final int[] bodyLengths;
    final boolean[] wanted;
    byte[] plain; // allocated when first needed (never, when every segment opens into the caller's buffer)
    final int[] plainLengths;
    final Future<?>[] work;
    int workers;
    long firstSegment;
    int count;
    SegmentAuthenticationException failure; // of segment firstSegment + count, raised once the rest is served

    /** @param shared whether pool workers fill it (then the plaintext array is allocated up front) */
    Batch(int segments, boolean shared) {
      nonces = new byte[segments * NONCE];
      nonceView = ByteBuffer.wrap(nonces);
      bodies = new byte[segments][BODY];
      bodyViews = new ByteBuffer[segments];
      for (int i = 0; i < segments; i++) {
        bodyViews[i] = ByteBuffer.wrap(bodies[i]);
      }
      bodyLengths = new int[segments];
      wanted = new boolean[segments];
      plainLengths = new int[segments];
      if (shared) {
        plain = new byte[segments * SEG];
      }
      work = new Future<?>[segments];
    }

    int capacity() {
      return bodies.length;
    }

    byte[] plain() {
      if (plain == null) {
        plain = new byte[bodies.length * SEG];
      }
      return plain;
    }

    void wipe() {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
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
        if (canOpenInto(dst)) {
          n = openInto(dst);
          if (n < 0) {
            return -1;
          }
          total += n;
          continue;
        }
        if (!loadBatch()) {
          return -1;
        }
      }
      return total;
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException ? (IOException) e : new IOException(e);
      wipe();
      throw e;
    }
  }

  /** Copies kept plaintext of the front batch into {@code dst}; 0 when the batch is used up. */
  private int serve(ByteBuffer dst) {
    Batch b = front;
    int copied = 0;
    while (dst.hasRemaining() && batchCursor < b.count) {
      if (!b.wanted[batchCursor]) {
        batchCursor++;
        cursorOffset = 0;
        continue;
      }
      long segStart = (b.firstSegment + batchCursor) * SEG;
      int segLen = b.plainLengths[batchCursor];
      int from = cursorOffset;
      int to = segLen;
      if (ranges != null) {
        // advance to the range containing or following segStart + from
        long p = segStart + from;
        while (rangeIndex < ranges.length && ranges[rangeIndex + 1] <= p) {
          rangeIndex += 2;
        }
        if (rangeIndex >= ranges.length) {
          batchCursor = b.count;
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
        dst.put(b.plain, batchCursor * SEG + from, n);
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

  /** Whether the next segment may be opened straight into {@code dst} (no copy through our buffer). */
  private boolean canOpenInto(ByteBuffer dst) {
    return parallelism == null && ranges == null && dst.hasArray() && dst.remaining() >= SEG && !dst.isReadOnly();
  }

  /**
   * Reads the next segment and opens it into {@code dst}'s array. If it does not authenticate, the
   * bytes written there are zeroed before the error propagates, and {@code dst}'s position is not
   * moved.
   *
   * @return plaintext bytes released, or -1 at the end of the input
   */
  private int openInto(ByteBuffer dst) throws IOException {
    if (inputDone) {
      return -1;
    }
    Batch b = front;
    b.count = 0;
    batchCursor = 0;
    cursorOffset = 0;
    int n = readSegment(b, 0);
    if (n == 0) {
      inputDone = true;
      return -1;
    }
    long index = nextSegment++;
    if (n < CSEG) {
      inputDone = true;
    }
    byte[] out = dst.array();
    int off = dst.arrayOffset() + dst.position();
    int m;
    try {
      m = cipher.open(index, b.nonces, 0, b.bodies[0], 0, n - NONCE, out, off);
    } catch (SegmentAuthenticationException | RuntimeException e) {
      Arrays.fill(out, off, off + Math.min(n - SegmentLayout.OVERHEAD, dst.remaining()), (byte) 0);
      throw e;
    }
    dst.position(dst.position() + m);
    return m;
  }

  /** Makes the next batch of opened segments the front batch; false at the end of the input. */
  private boolean loadBatch() throws IOException {
    if (front.failure != null) {
      throw front.failure; // the segments before it have been handed out
    }
    if (parallelism == null) {
      if (inputDone || !readBatch(front)) {
        return false;
      }
      openRange(front, 0, 1);
      startServing();
      return true;
    }
    if (!backInFlight) {
      if (deferred != null) {
        throw deferred;
      }
      if (inputDone || !readBatch(back)) {
        return false;
      }
      submit(back);
      backInFlight = true;
    }
    // the front batch is used up: read the batch after into it while the pool opens the back one
    Batch opened = back;
    Batch next = front;
    boolean nextInFlight = false;
    if (!inputDone) {
      try {
        if (readBatch(next)) {
          submit(next);
          nextInFlight = true;
        }
      } catch (IOException | RuntimeException e) {
        // the segments before this one are still to be handed out: report it when it is due
        deferred = e instanceof IOException ? (IOException) e : new IOException(e);
        inputDone = true;
      }
    }
    front = opened;
    back = next;
    backInFlight = nextInFlight;
    startServing();
    awaitAll(opened);
    return true;
  }

  private void startServing() {
    batchCursor = 0;
    cursorOffset = 0;
  }

  /** Reads up to a batch of segments into {@code b}; false if the input had none left. */
  private boolean readBatch(Batch b) throws IOException {
    b.firstSegment = nextSegment;
    b.count = 0;
    b.failure = null;
    while (b.count < b.capacity()) {
      int n = readSegment(b, b.count);
      if (n == 0) {
        inputDone = true;
        break;
      }
      b.bodyLengths[b.count] = n - NONCE;
      b.wanted[b.count] = isWanted(nextSegment);
      b.count++;
      nextSegment++;
      if (n < CSEG) {
        inputDone = true;
        break;
      }
    }
    return b.count > 0;
  }

  private void submit(Batch b) {
    int workers = Math.min(parallelism.threads(), b.count);
    b.workers = workers;
    for (int w = 0; w < workers; w++) {
      final int first = w;
      b.work[w] = parallelism.submit(() -> openRange(b, first, workers));
    }
  }

  /**
   * Waits for every worker of {@code b}. If segments failed to authenticate, the batch is cut
   * before the lowest of them (every segment below it was opened: a worker stops at its first
   * failure, and its segments ascend) and that failure is raised once the rest has been served.
   * Any other failure is thrown at once.
   */
  private void awaitAll(Batch b) throws IOException {
    SegmentAuthenticationException lowest = null;
    IOException other = null;
    RuntimeException bug = null;
    for (int w = 0; w < b.workers; w++) {
      Future<?> f = b.work[w];
      b.work[w] = null;
      try {
        Parallelism.await(f);
      } catch (SegmentAuthenticationException e) {
        lowest = lowest == null || e.segmentIndex() < lowest.segmentIndex() ? e : lowest;
      } catch (IOException e) {
        other = other == null ? e : other;
      } catch (RuntimeException e) {
        bug = bug == null ? e : bug;
      }
    }
    b.workers = 0;
    if (bug != null) {
      throw bug;
    }
    if (other != null) {
      throw other; // some segment may not have been opened at all: release nothing of the batch
    }
    if (lowest != null) {
      b.count = (int) (lowest.segmentIndex() - b.firstSegment);
      b.failure = lowest;
    }
  }

  /** Waits for {@code b}'s workers, ignoring their outcome (before wiping or after a failure). */
  private static void awaitQuietly(Batch b) {
    for (int w = 0; w < b.workers; w++) {
      Future<?> f = b.work[w];
      b.work[w] = null;
      try {
        Parallelism.await(f);
      } catch (IOException | RuntimeException e) {
        // the channel has failed or is closing; nothing of this batch is handed out
      }
    }
    b.workers = 0;
  }

  private Integer openRange(Batch b, int first, int stride) throws IOException {
    for (int i = first; i < b.count; i += stride) {
      if (b.wanted[i]) {
        b.plainLengths[i] = cipher.open(b.firstSegment + i, b.nonces, i * NONCE, b.bodies[i], 0, b.bodyLengths[i], b.plain(), i * SEG);
      } else {
        b.plainLengths[i] = b.bodyLengths[i] - SegmentLayout.MAC_SIZE;
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

  /**
   * Reads up to one encrypted segment into slot {@code i} of {@code b} (nonce apart, ciphertext and
   * tag at offset 0 of the slot's array), tolerating short reads.
   *
   * @return bytes read, 0 at the end of the input
   * @throws Crypt4ghFormatException if the input ends inside a segment's nonce and tag
   */
  private int readSegment(Batch b, int i) throws IOException {
    ByteBuffer nonce = b.nonceView;
    nonce.limit(i * NONCE + NONCE).position(i * NONCE);
    int n = fill(nonce);
    if (n == NONCE) {
      ByteBuffer body = b.bodyViews[i];
      body.clear();
      n += fill(body);
    }
    if (n > 0 && n < SegmentLayout.OVERHEAD) {
      throw new Crypt4ghFormatException("segment " + nextSegment + " is truncated: " + n + " bytes, less than its nonce and tag");
    }
    return n;
  }

  private int fill(ByteBuffer b) throws IOException {
    int start = b.position();
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        break;
      }
    }
    return b.position() - start;
  }

  /** Zeroes all plaintext we hold, after any worker still writing into it has finished. */
  private void wipe() {
    if (back != null && backInFlight) {
      awaitQuietly(back);
      backInFlight = false;
    }
    front.wipe();
    if (back != null) {
      back.wipe();
    }
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
      wipe();
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
