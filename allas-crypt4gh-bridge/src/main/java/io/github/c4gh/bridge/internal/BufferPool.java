package io.github.c4gh.bridge.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * At most {@code maxBuffers} part buffers exist at a time: {@link #acquire} blocks while all are
 * handed out, so memory stays at {@code maxBuffers x part size} (rounded up to {@link
 * PartBuffer#BLOCK}) whatever the object size. Released buffers are reused with their blocks.
 */
public final class BufferPool {
  /** Reports a failure that should wake and fail a waiting {@link #acquire}. */
  @FunctionalInterface
  public interface FailureCheck {
    /** Throws the pending failure, if any. */
    void check() throws IOException;
  }

  private final int maxBuffers;
  private final ArrayDeque<PartBuffer> free = new ArrayDeque<>();
  private int created;
  private int outstanding;
  private int peakOutstanding;
  private long heldBytes;
  private long peakHeldBytes;

  public BufferPool(int maxBuffers) {
    if (maxBuffers < 1) {
      throw new IllegalArgumentException("at least one buffer");
    }
    this.maxBuffers = maxBuffers;
  }

  /**
   * An empty buffer, waiting while {@code maxBuffers} are out.
   *
   * @param failures checked before and after every wait; its exception ends the wait
   */
  public synchronized PartBuffer acquire(FailureCheck failures) throws IOException {
    while (true) {
      failures.check();
      if (outstanding < maxBuffers) {
        break;
      }
      try {
        wait(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for a part buffer (all " + maxBuffers + " are being uploaded)");
      }
    }
    PartBuffer b = free.pollFirst();
    if (b == null) {
      b = new PartBuffer(this);
      created++;
    }
    b.reset();
    outstanding++;
    peakOutstanding = Math.max(peakOutstanding, outstanding);
    return b;
  }

  /** Returns a buffer. */
  public synchronized void release(PartBuffer b) {
    outstanding--;
    free.addFirst(b);
    notifyAll();
  }

  synchronized void grew(long bytes) {
    heldBytes += bytes;
    peakHeldBytes = Math.max(peakHeldBytes, heldBytes);
  }

  /** Wakes waiting acquirers so they re-check for failures. */
  public synchronized void wakeAll() {
    notifyAll();
  }

  /** Frees the idle buffers' blocks. */
  public void clear() {
    PartBuffer[] idle;
    synchronized (this) {
      idle = free.toArray(new PartBuffer[0]);
      free.clear();
    }
    for (PartBuffer b : idle) {
      b.free();
    }
  }

  /** The most buffers that were out at once. */
  public synchronized int peakOutstanding() {
    return peakOutstanding;
  }

  /** Buffers created (never more than {@code maxBuffers}). */
  public synchronized int created() {
    return created;
  }

  /** The most bytes the pool's buffers held at once. */
  public synchronized long peakHeldBytes() {
    return peakHeldBytes;
  }
}
