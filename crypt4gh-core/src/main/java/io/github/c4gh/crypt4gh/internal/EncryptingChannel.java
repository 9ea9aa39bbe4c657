package io.github.c4gh.crypt4gh.internal;

import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * Encrypts plaintext written to it into Crypt4GH segments on a downstream channel, after the
 * header. Only full segments are written until {@link #close()}, which writes the final short
 * segment (never an empty one). With a {@link Parallelism}, batches of segments are sealed on the
 * pool while the next batch fills, and written in order. Single-owner: not thread-safe.
 */
public final class EncryptingChannel implements WritableByteChannel {
  private static final int SEG = SegmentLayout.SEGMENT_SIZE;
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;

  private final WritableByteChannel out;
  private final byte[] header;
  private final SegmentCipher cipher;
  private final SecureRandom random;
  private final Parallelism parallelism;
  private final int batchSegments;

  private byte[] plain;
  private byte[] sealed;
  private byte[] spareSealed;
  private byte[] sparePlain;
  private int filled;
  private List<Future<Integer>> pending;
  private int pendingLength;
  private byte[] pendingSealed;
  private boolean headerWritten;
  private boolean open = true;
  private IOException failure;

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
    this.batchSegments = parallelism == null ? 1 : parallelism.threads() * 4;
    this.plain = new byte[batchSegments * SEG];
    this.sealed = new byte[batchSegments * CSEG];
    if (parallelism != null) {
      this.sparePlain = new byte[batchSegments * SEG];
      this.spareSealed = new byte[batchSegments * CSEG];
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureWritable();
    int total = src.remaining();
    try {
      writeHeaderOnce();
      while (src.hasRemaining()) {
        if (parallelism == null && filled == 0 && src.remaining() >= SEG && src.hasArray()) {
          // a whole segment straight from the caller's array: no copy
          int n = cipher.seal(random, src.array(), src.arrayOffset() + src.position(), SEG, sealed, 0);
          writeFully(sealed, 0, n);
          src.position(src.position() + SEG);
          continue;
        }
        int n = Math.min(src.remaining(), plain.length - filled);
        src.get(plain, filled, n);
        filled += n;
        if (filled == plain.length) {
          flushBatch(false);
        }
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
    return total;
  }

  private void flushBatch(boolean last) throws IOException {
    if (parallelism == null) {
      if (filled > 0) {
        int n = cipher.seal(random, plain, 0, filled, sealed, 0);
        writeFully(sealed, 0, n);
        filled = 0;
      }
      return;
    }
    drainPending();
    if (filled == 0) {
      return;
    }
    final byte[] p = plain;
    final byte[] s = sealed;
    final int len = filled;
    int segments = (len + SEG - 1) / SEG;
    int workers = Math.min(parallelism.threads(), segments);
    pending = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      final int first = w;
      pending.add(parallelism.submit(() -> sealEvery(p, len, s, first, workers)));
    }
    pendingSealed = s;
    pendingLength = (segments - 1) * CSEG + (len - (segments - 1) * SEG) + SegmentLayout.OVERHEAD;
    plain = sparePlain;
    sparePlain = p;
    sealed = spareSealed;
    spareSealed = s;
    filled = 0;
    if (last) {
      drainPending();
    }
  }

  private int sealEvery(byte[] p, int len, byte[] s, int first, int stride) {
    for (int i = first; i * SEG < len; i += stride) {
      int n = Math.min(SEG, len - i * SEG);
      cipher.seal(random, p, i * SEG, n, s, i * CSEG);
    }
    return 0;
  }

  private void drainPending() throws IOException {
    if (pending != null) {
      List<Future<Integer>> fs = pending;
      pending = null;
      for (Future<Integer> f : fs) {
        Parallelism.await(f);
      }
      writeFully(pendingSealed, 0, pendingLength);
    }
  }

  private void writeHeaderOnce() throws IOException {
    if (!headerWritten) {
      headerWritten = true;
      writeFully(header, 0, header.length);
    }
  }

  private void writeFully(byte[] b, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(b, off, len);
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
      java.util.Arrays.fill(plain, (byte) 0);
      if (sparePlain != null) {
        java.util.Arrays.fill(sparePlain, (byte) 0);
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
