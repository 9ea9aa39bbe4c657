package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Future;

/**
 * Encrypts plaintext written to it into Crypt4GH segments on a downstream channel, after the
 * header. Only full segments are written until {@link #close()}, which writes the final short
 * segment (never an empty one). With a {@link Parallelism}, batches of segments are sealed on the
 * pool while the next batch fills, and written in order. Single-owner: not thread-safe.
 *
 * <p>Nothing is allocated per segment: whole segments are sealed straight from the caller's heap
 * array when no pool is used, nonces are drawn from the {@link SecureRandom} in bulk (one call per
 * batch or per {@value #NONCES_PER_DRAW} segments, each nonce used once), and the output arrays
 * keep their {@link ByteBuffer} views.
 */
public final class EncryptingChannel implements WritableByteChannel {
  private static final int SEG = SegmentLayout.SEGMENT_SIZE;
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final int NONCE = SegmentLayout.NONCE_SIZE;
  /** Nonces drawn at once on the single-threaded path. */
  static final int NONCES_PER_DRAW = 64;

  private final WritableByteChannel out;
  private final byte[] header;
  private final SegmentCipher cipher;
  private final SecureRandom random;
  private final Parallelism parallelism;

  private Batch filling; // plaintext being collected
  private Batch sealing; // being sealed on the pool when pending (parallel only)
  private boolean pending;
  private int filled;
  private final byte[] nonces; // single-threaded path: unused nonces from nonceNext on
  private int nonceNext;
  private boolean headerWritten;
  private boolean open = true;
  private IOException failure;

  /** A batch of segments: plaintext, nonces and sealed output. */
  private static final class Batch {
    private final int segments;
    private byte[] plain; // allocated when first needed (never, when whole segments come from the caller)
    final byte[] sealed;
    final ByteBuffer sealedView;
    final byte[] nonces;
    final Future<?>[] work;
    int workers;
    int sealedLength;

    Batch(int segments, boolean parallel) {
      this.segments = segments;
      if (parallel) {
        plain = new byte[segments * SEG];
      }
      sealed = new byte[segments * CSEG];
      sealedView = ByteBuffer.wrap(sealed);
      nonces = parallel ? new byte[segments * NONCE] : null;
      work = parallel ? new Future<?>[segments] : null;
    }

    byte[] plain() {
      if (plain == null) {
        plain = new byte[segments * SEG];
      }
      return plain;
    }

    void wipe() {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
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
    int batchSegments = parallelism == null ? 1 : parallelism.threads() * 4;
    this.filling = new Batch(batchSegments, parallelism != null);
    if (parallelism != null) {
      this.sealing = new Batch(batchSegments, true);
      this.nonces = null;
    } else {
      this.nonces = new byte[NONCES_PER_DRAW * NONCE];
      this.nonceNext = NONCES_PER_DRAW;
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureWritable();
    int total = src.remaining();
    try {
      writeHeaderOnce();
      byte[] plain = null;
      while (src.hasRemaining()) {
        if (parallelism == null && filled == 0 && src.remaining() >= SEG && src.hasArray()) {
          // a whole segment straight from the caller's array: no copy
          sealAndWrite(src.array(), src.arrayOffset() + src.position(), SEG);
          src.position(src.position() + SEG);
          continue;
        }
        if (plain == null) {
          plain = filling.plain();
        }
        int n = Math.min(src.remaining(), plain.length - filled);
        src.get(plain, filled, n);
        filled += n;
        if (filled == plain.length) {
          flushBatch(false);
          plain = filling.plain();
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
    return total;
  }

  /** Single-threaded path: seals one segment with the next unused nonce and writes it. */
  private void sealAndWrite(byte[] in, int off, int len) throws IOException {
    if (nonceNext == NONCES_PER_DRAW) {
      random.nextBytes(nonces);
      nonceNext = 0;
    }
    int nonceOff = nonceNext++ * NONCE;
    Batch b = filling;
    int n = cipher.sealWithFreshNonce(nonces, nonceOff, in, off, len, b.sealed, 0);
    Arrays.fill(nonces, nonceOff, nonceOff + NONCE, (byte) 0); // spent
    writeFully(b, n);
  }

  private void flushBatch(boolean last) throws IOException {
    if (parallelism == null) {
      if (filled > 0) {
        sealAndWrite(filling.plain(), 0, filled);
        filled = 0;
      }
      return;
    }
    if (filled == 0) {
      drainPending();
      return;
    }
    // wait for the batch on the pool, start this one, then write the finished one while it seals
    Batch done = pending ? sealing : null;
    if (done != null) {
      awaitAll(done);
      pending = false;
    }
    Batch b = filling;
    submit(b, filled);
    filling = sealing;
    sealing = b;
    pending = true;
    filled = 0;
    if (done != null) {
      writeFully(done, done.sealedLength);
    }
    if (last) {
      drainPending();
    }
  }

  private void submit(Batch b, int len) {
    int segments = (len + SEG - 1) / SEG;
    random.nextBytes(b.nonces); // fresh nonces for every segment of this batch, drawn at once
    int workers = Math.min(parallelism.threads(), segments);
    b.workers = workers;
    b.sealedLength = (segments - 1) * CSEG + (len - (segments - 1) * SEG) + SegmentLayout.OVERHEAD;
    for (int w = 0; w < workers; w++) {
      final int first = w;
      b.work[w] = parallelism.submit(() -> sealEvery(b, len, first, workers));
    }
  }

  private Integer sealEvery(Batch b, int len, int first, int stride) {
    for (int i = first; i * SEG < len; i += stride) {
      int n = Math.min(SEG, len - i * SEG);
      cipher.sealWithFreshNonce(b.nonces, i * NONCE, b.plain, i * SEG, n, b.sealed, i * CSEG);
    }
    return 0;
  }

  private static void awaitAll(Batch b) throws IOException {
    IOException first = null;
    RuntimeException bug = null;
    for (int w = 0; w < b.workers; w++) {
      Future<?> f = b.work[w];
      b.work[w] = null;
      try {
        Parallelism.await(f);
      } catch (IOException e) {
        first = first == null ? e : first;
      } catch (RuntimeException e) {
        bug = bug == null ? e : bug;
      }
    }
    b.workers = 0;
    Arrays.fill(b.nonces, (byte) 0); // spent
    if (first != null) {
      throw first;
    }
    if (bug != null) {
      throw bug;
    }
  }

  private void drainPending() throws IOException {
    if (pending) {
      pending = false;
      awaitAll(sealing);
      writeFully(sealing, sealing.sealedLength);
    }
  }

  private void writeHeaderOnce() throws IOException {
    if (!headerWritten) {
      headerWritten = true;
      ByteBuffer bb = ByteBuffer.wrap(header);
      while (bb.hasRemaining()) {
        out.write(bb);
      }
    }
  }

  private void writeFully(Batch b, int len) throws IOException {
    ByteBuffer bb = b.sealedView;
    bb.clear().limit(len);
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
        drainPending();
      }
    } catch (IOException | RuntimeException e) {
      first = e instanceof IOException ? (IOException) e : new IOException(e);
    } finally {
      if (pending) {
        // a failure left a batch on the pool: let it finish before wiping its plaintext
        pending = false;
        try {
          awaitAll(sealing);
        } catch (IOException | RuntimeException e) {
          // already failing
        }
      }
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
      filling.wipe();
      if (sealing != null) {
        sealing.wipe();
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
