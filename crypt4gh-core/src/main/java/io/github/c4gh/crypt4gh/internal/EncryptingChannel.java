package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encrypts plaintext written to it into Crypt4GH segments on a downstream channel, after the
 * header. Only full segments are written until {@link #close()}, which writes the final short
 * segment (never an empty one). With a {@link Parallelism}, batches of segments are sealed on the
 * pool while the next batch fills ({@value #IN_FLIGHT} in flight, so the pool never waits for the
 * writing thread to hand over work), and written in order; the writing thread seals segments itself
 * only when the pool does not ({@link BatchWork}). Single-owner: not thread-safe.
 *
 * <p>Nothing is allocated per segment: whole segments are sealed straight from the caller's heap
 * array when no pool is used, nonces are drawn from the {@link SecureRandom} in bulk (one call per
 * batch or per {@value #NONCES_PER_DRAW} segments, each nonce used once), and the output arrays
 * keep their {@link ByteBuffer} views. Every segment has arrays of its own (a batch written in one
 * gathering write where the downstream channel takes one): a batch-sized array would be a humongous
 * object in a small G1 heap (over half a 1 MiB region from 8 segments on), taking whole regions.
 */
public final class EncryptingChannel implements WritableByteChannel {
  private static final int SEG = SegmentLayout.SEGMENT_SIZE;
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final int NONCE = SegmentLayout.NONCE_SIZE;
  /** Nonces drawn at once on the single-threaded path. */
  static final int NONCES_PER_DRAW = 64;
  /** Batches being sealed on the pool while the next one fills (parallel path). */
  static final int IN_FLIGHT = 2;

  private final WritableByteChannel out;
  private final byte[] header;
  private final SegmentCipher cipher;
  private final SecureRandom random;
  private final Parallelism parallelism;
  private final int batchSegments;

  private Batch filling; // plaintext being collected (null between a flush and the next write)
  private final ArrayDeque<Batch> inFlight = new ArrayDeque<>(IN_FLIGHT + 1); // parallel: oldest first
  private final ArrayDeque<Batch> spare = new ArrayDeque<>(IN_FLIGHT + 1);
  private final List<Batch> all = new ArrayList<>(IN_FLIGHT + 1);
  private int filled;
  private final byte[] nonces; // single-threaded path: unused nonces from nonceNext on
  private int nonceNext;
  private boolean headerWritten;
  private boolean open = true;
  private IOException failure;

  /** A batch of segments: plaintext, nonces and sealed output, each segment in arrays of its own. */
  private static final class Batch {
    private final int segments;
    private byte[][] plain; // allocated when first needed (never, when whole segments come from the caller)
    final byte[][] sealed;
    final ByteBuffer[] sealedViews;
    final byte[] nonces;
    final BatchWork work;
    int length; // plaintext bytes of the batch being sealed
    int count; // its segments
    int lastSealedLength; // of its last segment

    Batch(int segments, SegmentCipher cipher, boolean parallel) {
      this.segments = segments;
      sealed = new byte[segments][CSEG];
      sealedViews = new ByteBuffer[segments];
      for (int i = 0; i < segments; i++) {
        sealedViews[i] = ByteBuffer.wrap(sealed[i]);
      }
      if (parallel) {
        plain = new byte[segments][SEG];
        nonces = new byte[segments * NONCE];
        work = new BatchWork(segments, i -> {
          int n = Math.min(SEG, length - i * SEG);
          cipher.sealWithFreshNonce(nonces, i * NONCE, plain[i], 0, n, sealed[i], 0);
        });
      } else {
        nonces = null;
        work = null;
      }
    }

    byte[][] plain() {
      if (plain == null) {
        plain = new byte[segments][SEG];
      }
      return plain;
    }

    int capacity() {
      return segments * SEG;
    }

    /** Draws this batch's nonces and hands its segments to the pool (and to whoever waits for it). */
    void launch(int len, SecureRandom random, Parallelism pool) {
      count = (len + SEG - 1) / SEG;
      length = len;
      lastSealedLength = len - (count - 1) * SEG + SegmentLayout.OVERHEAD;
      random.nextBytes(nonces); // fresh nonces for every segment of this batch, drawn at once
      work.start(count, pool, pool.threads());
    }

    /** Waits for the batch to be sealed and throws the first segment's failure, if any. */
    void finish() throws IOException {
      work.awaitDone();
      Arrays.fill(nonces, (byte) 0); // spent
      int bad = work.firstFailure();
      if (bad >= 0) {
        Throwable t = work.failure(bad);
        if (t instanceof RuntimeException) {
          throw (RuntimeException) t;
        }
        if (t instanceof Error) {
          throw (Error) t;
        }
        throw t instanceof IOException ? (IOException) t : new IOException(t);
      }
    }

    void wipe() {
      if (plain != null) {
        for (byte[] p : plain) {
          Arrays.fill(p, (byte) 0);
        }
      }
    }
  }

  /**
   * @param header the encoded header, written before the first segment
   * @param parallelism the pool, or null to seal on the writing thread
   */
  public EncryptingChannel(WritableByteChannel out, byte[] header, SegmentCipher cipher, SecureRandom random, Parallelism parallelism) {
    this.out = out;
    this.header = header.clone();
    this.cipher = cipher;
    this.random = random;
    this.parallelism = parallelism;
    this.batchSegments = parallelism == null ? 1 : parallelism.segmentsPerBatch();
    this.filling = newBatch();
    if (parallelism != null) {
      this.nonces = null;
    } else {
      this.nonces = new byte[NONCES_PER_DRAW * NONCE];
      this.nonceNext = NONCES_PER_DRAW;
    }
  }

  private Batch newBatch() {
    Batch b = new Batch(batchSegments, cipher, parallelism != null);
    all.add(b);
    return b;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureWritable();
    int total = src.remaining();
    try {
      writeHeaderOnce();
      byte[][] plain = null;
      while (src.hasRemaining()) {
        if (parallelism == null && filled == 0 && src.remaining() >= SEG && src.hasArray()) {
          // a whole segment straight from the caller's array: no copy
          sealAndWrite(src.array(), src.arrayOffset() + src.position(), SEG);
          src.position(src.position() + SEG);
          continue;
        }
        if (plain == null) {
          plain = nextFilling().plain();
        }
        int n = Math.min(src.remaining(), SEG - filled % SEG);
        src.get(plain[filled / SEG], filled % SEG, n);
        filled += n;
        if (filled == filling.capacity()) {
          flushBatch(false);
          plain = null;
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
    return total;
  }

  /** The batch to fill: a spare one, or a new one while fewer than {@code IN_FLIGHT + 1} exist. */
  private Batch nextFilling() {
    if (filling == null) {
      Batch b = spare.pollFirst();
      filling = b != null ? b : newBatch();
    }
    return filling;
  }

  /** Single-threaded path: seals one segment with the next unused nonce and writes it. */
  private void sealAndWrite(byte[] in, int off, int len) throws IOException {
    if (nonceNext == NONCES_PER_DRAW) {
      random.nextBytes(nonces);
      nonceNext = 0;
    }
    int nonceOff = nonceNext++ * NONCE;
    Batch b = filling;
    int n = cipher.sealWithFreshNonce(nonces, nonceOff, in, off, len, b.sealed[0], 0);
    Arrays.fill(nonces, nonceOff, nonceOff + NONCE, (byte) 0); // spent
    ByteBuffer bb = b.sealedViews[0];
    bb.clear().limit(n);
    writeAll(bb);
  }

  /**
   * Seals what has been filled. On the parallel path the batch joins those in flight, and the
   * oldest are awaited and written while more than {@link #IN_FLIGHT}
   * are in flight, or all of them when {@code last}: so the pool always has a batch queued while
   * the next one fills, and memory stays at {@code IN_FLIGHT + 1} batches.
   */
  private void flushBatch(boolean last) throws IOException {
    if (parallelism == null) {
      if (filled > 0) {
        sealAndWrite(filling.plain()[0], 0, filled);
        filled = 0;
      }
      return;
    }
    if (filled > 0) {
      Batch b = filling;
      filling = null;
      int len = filled;
      filled = 0;
      b.launch(len, random, parallelism);
      inFlight.addLast(b);
    }
    while (inFlight.size() > IN_FLIGHT || (last && !inFlight.isEmpty())) {
      Batch done = inFlight.pollFirst();
      spare.addLast(done);
      done.finish();
      writeSealed(done);
    }
  }

  private void writeHeaderOnce() throws IOException {
    if (!headerWritten) {
      headerWritten = true;
      writeAll(ByteBuffer.wrap(header));
    }
  }

  /** Writes a sealed batch: in one gathering write where the downstream takes one. */
  private void writeSealed(Batch b) throws IOException {
    ByteBuffer[] views = b.sealedViews;
    int last = b.count - 1;
    for (int i = 0; i < last; i++) {
      views[i].clear();
    }
    views[last].clear().limit(b.lastSealedLength);
    if (out instanceof GatheringByteChannel) {
      GatheringByteChannel gathering = (GatheringByteChannel) out;
      for (int i = 0; i <= last; ) {
        gathering.write(views, i, last + 1 - i);
        while (i <= last && !views[i].hasRemaining()) {
          i++;
        }
      }
    } else {
      for (int i = 0; i <= last; i++) {
        writeAll(views[i]);
      }
    }
  }

  private void writeAll(ByteBuffer bb) throws IOException {
    while (bb.hasRemaining()) {
      out.write(bb);
    }
  }

  private void ensureWritable() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
    if (failure != null) {
      throw new IOException("the encrypting channel failed earlier", failure);
    }
  }

  private void fail(Exception e) {
    if (failure == null) {
      failure = e instanceof IOException ? (IOException) e : new IOException(e);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /**
   * Writes the last segment and closes the downstream channel. Idempotent; the downstream is closed
   * even when finishing fails, and the first failure is rethrown.
   */
  @Override
  public void close() throws IOException {
    if (!open) {
      return;
    }
    open = false;
    IOException first = failure;
    try {
      if (first == null) {
        writeHeaderOnce();
        flushBatch(true);
      }
    } catch (IOException | RuntimeException e) {
      first = e instanceof IOException ? (IOException) e : new IOException(e);
    } finally {
      // a failure may leave batches on the pool: withdraw them before wiping their plaintext
      for (Batch b : inFlight) {
        b.work.cancelAndAwait();
      }
      inFlight.clear();
      try {
        out.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
      if (parallelism != null) {
        parallelism.close();
      }
      for (Batch b : all) {
        b.wipe();
      }
    }
    if (first != null && first != failure) {
      throw first;
    }
    if (failure != null) {
      throw new IOException("the encrypting channel failed earlier; the output is incomplete", failure);
    }
  }
}
