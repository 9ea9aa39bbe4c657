package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.SegmentAuthenticationException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decrypts the data section read sequentially from a channel positioned after the header. Plaintext
 * of a segment is released only after its tag verified. An edit list is applied; segments it skips
 * entirely are read past without being decrypted. After any failure, reads throw. Single-owner.
 *
 * <p>Each segment is read as its nonce and, apart, its ciphertext and tag at offset 0 of an array of
 * its own, the layout in which SunJCE opens without copying. Without a pool a segment is opened on
 * the reading thread, straight into the caller's heap buffer when the whole segment fits there and
 * no edit list applies (zeroed again if it does not authenticate). With a {@link Parallelism} the
 * segments come in batches: while the reading thread hands out one batch, the pool opens the
 * {@value #READ_AHEAD} read after it, so memory stays at {@code READ_AHEAD + 1} batches; the
 * reading thread opens segments itself only when the pool does not ({@link BatchWork}).
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

  /** Batches read and being opened on the pool beyond the one being handed out (parallel path). */
  static final int READ_AHEAD = 2;

  private final int batchSegments;
  private Batch front; // the batch being handed out (authenticated)
  private final ArrayDeque<Batch> ahead = new ArrayDeque<>(READ_AHEAD); // parallel: being opened, oldest first
  private final ArrayDeque<Batch> spare = new ArrayDeque<>(READ_AHEAD + 1);
  private final List<Batch> all = new ArrayList<>(READ_AHEAD + 1);
  private IOException deferred; // a failure reading a batch after those being opened

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
    this.batchSegments = parallelism == null ? 1 : parallelism.segmentsPerBatch();
    this.front = newBatch();
  }

  private Batch newBatch() {
    Batch b = new Batch(batchSegments, parallelism != null ? cipher : null);
    all.add(b);
    return b;
  }

  /** A batch of segments: ciphertext as read and plaintext once opened. */
  private static final class Batch {
    final byte[] nonces;
    final ByteBuffer nonceView;
    final byte[][] bodies; // ciphertext and tag of each segment, at offset 0
    final ByteBuffer[] bodyViews;
    final int[] bodyLengths;
    final boolean[] wanted;
    // each segment's plaintext, allocated when first needed (never, when every segment opens into the
    // caller's buffer); one array per segment so that none is a humongous object in a small G1 heap
    byte[][] plain;
    final int[] plainLengths;
    final BatchWork work; // null unless pool workers open it
    long firstSegment;
    int count;
    SegmentAuthenticationException failure; // of segment firstSegment + count, raised once the rest is served

    /**
     * @param shared the cipher when pool workers open it (the plaintext arrays are then allocated up
     *     front), or null
     */
    Batch(int segments, SegmentCipher shared) {
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
      if (shared != null) {
        plain = new byte[segments][SEG];
        work = new BatchWork(segments, i -> openOne(shared, i));
      } else {
        work = null;
      }
    }

    /** Opens segment {@code i} (or only notes its length if the edit list skips it). */
    void openOne(SegmentCipher cipher, int i) throws SegmentAuthenticationException {
      if (wanted[i]) {
        plainLengths[i] = cipher.open(firstSegment + i, nonces, i * NONCE, bodies[i], 0, bodyLengths[i], plain()[i], 0);
      } else {
        plainLengths[i] = bodyLengths[i] - SegmentLayout.MAC_SIZE;
      }
    }

    int capacity() {
      return bodies.length;
    }

    byte[][] plain() {
      if (plain == null) {
        plain = new byte[bodies.length][SEG];
      }
      return plain;
    }

    void wipe() {
      if (plain != null) {
        for (byte[] p : plain) {
          Arrays.fill(p, (byte) 0);
        }
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
        dst.put(b.plain[batchCursor], from, n);
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
      for (int i = 0; i < front.count; i++) {
        front.openOne(cipher, i);
      }
      startServing();
      return true;
    }
    if (ahead.isEmpty()) {
      readAhead();
      if (ahead.isEmpty()) {
        if (deferred != null) {
          throw deferred;
        }
        return false;
      }
    }
    // the front batch is used up: serve the oldest batch on the pool next, and read more behind it
    spare.addLast(front);
    front = ahead.pollFirst();
    startServing();
    readAhead();
    awaitAll(front);
    return true;
  }

  /**
   * Reads batches and hands them to the pool until {@link #READ_AHEAD} are there. A failure to read
   * one is deferred until the batches before it have been handed out.
   */
  private void readAhead() {
    while (ahead.size() < READ_AHEAD && !inputDone && deferred == null) {
      Batch b = spare.pollFirst();
      if (b == null) {
        b = newBatch();
      }
      boolean read;
      try {
        read = readBatch(b);
      } catch (IOException | RuntimeException e) {
        deferred = e instanceof IOException ? (IOException) e : new IOException(e);
        inputDone = true;
        read = false;
      }
      if (!read) {
        spare.addFirst(b);
        return;
      }
      submit(b);
      ahead.addLast(b);
    }
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
    b.work.start(b.count, parallelism, parallelism.threads());
  }

  /**
   * Waits until {@code b} is opened. If segments failed to authenticate, the batch is cut before the
   * lowest of them (every segment below it was opened) and that failure is raised once the rest has
   * been served. Any other failure is thrown at once.
   */
  private void awaitAll(Batch b) throws IOException {
    b.work.awaitDone();
    SegmentAuthenticationException lowest = null;
    IOException other = null;
    RuntimeException bug = null;
    for (int i = 0; i < b.count; i++) {
      Throwable t = b.work.failure(i);
      if (t == null) {
        continue;
      }
      if (t instanceof SegmentAuthenticationException) {
        lowest = lowest == null ? (SegmentAuthenticationException) t : lowest;
      } else if (t instanceof IOException) {
        other = other == null ? (IOException) t : other;
      } else if (t instanceof RuntimeException) {
        bug = bug == null ? (RuntimeException) t : bug;
      } else if (t instanceof Error) {
        throw (Error) t;
      } else {
        other = other == null ? new IOException(t) : other;
      }
    }
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

  /** Withdraws {@code b} from the pool and waits until no worker touches it (before wiping or after a failure). */
  private static void awaitQuietly(Batch b) {
    b.work.cancelAndAwait();
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
    for (Batch b : ahead) {
      awaitQuietly(b);
    }
    ahead.clear();
    for (Batch b : all) {
      b.wipe();
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
