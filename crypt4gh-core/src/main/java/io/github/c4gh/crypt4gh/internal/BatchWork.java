package io.github.c4gh.crypt4gh.internal;

import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The segments of one batch, sealed or opened by whoever claims them: the pool's workers and, when
 * they do not come, the channel's own thread ("caller runs"). Segments are claimed one at a time in
 * ascending order from one atomic counter. The caller does not compete with a working pool: it
 * runs segments itself only when the executor refused every worker, or when no worker claimed or
 * finished a segment for {@value #STALL_MILLIS} ms while it waited (a saturated or stopped
 * executor). Helping a working pool costs throughput: on 2 cores with 2 workers, a caller that also
 * sealed held back the batch it had claimed from while the workers ran dry (measured: 750 MiB/s
 * with help, 912 without, JDK 17, the Java cipher).
 *
 * <p>The counter packs the batch's generation, its segment count and the next unclaimed index into
 * one {@code long}: a worker started for an earlier use of this batch sees another generation and
 * stops without touching it, however late it runs. A failure of a segment is kept per index, for
 * the caller to inspect after {@link #awaitDone()}; the other segments are still processed.
 *
 * <p>Owned by one channel: {@link #start}, {@link #awaitDone} and {@link #cancelAndAwait} are
 * called by its thread only; {@link #runClaims} is what the pool runs.
 */
final class BatchWork {
  /** The work of one segment. */
  @FunctionalInterface
  interface SegmentTask {
    void run(int index) throws Exception;
  }

  private static final int INDEX_BITS = 16;
  private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
  /** Most segments in one batch. */
  static final int MAX_SEGMENTS = (int) INDEX_MASK;

  private final SegmentTask task;
  private final Throwable[] failures;
  /** generation (32 bits) | count (16 bits) | next index (16 bits). */
  private final AtomicLong claims = new AtomicLong();
  private final AtomicInteger completed = new AtomicInteger();
  /** How long the caller waits without any progress of the workers before it runs segments itself. */
  static final long STALL_MILLIS = 10;

  private int generation;
  private int count;
  private int workers; // accepted by the executor for this use
  private boolean active;

  BatchWork(int capacity, SegmentTask task) {
    if (capacity < 1 || capacity > MAX_SEGMENTS) {
      throw new IllegalArgumentException("batch capacity out of range: " + capacity);
    }
    this.task = task;
    this.failures = new Throwable[capacity];
  }

  private static long pack(int generation, int count, int next) {
    return ((long) generation << 32) | ((long) count << INDEX_BITS) | next;
  }

  /**
   * Makes segments {@code 0..count-1} claimable and asks the pool for up to {@code workers}
   * workers. Everything the task reads must be in place before this call (the counter's volatile
   * write publishes it).
   */
  void start(int count, Parallelism pool, int workers) {
    if (active) {
      throw new IllegalStateException("batch still in progress");
    }
    if (count < 1 || count > failures.length) {
      throw new IllegalArgumentException("segment count out of range: " + count);
    }
    this.count = count;
    Arrays.fill(failures, 0, count, null);
    completed.set(0);
    generation++;
    active = true;
    final int gen = generation;
    claims.set(pack(gen, count, 0));
    this.workers = 0;
    for (int w = Math.min(workers, count); w > 0; w--) {
      if (!pool.tryExecute(() -> runClaims(gen))) {
        break; // the caller does the rest
      }
      this.workers++;
    }
  }

  /** Whether the batch was started and not yet awaited. */
  boolean active() {
    return active;
  }

  /** Claims and runs segments of generation {@code gen} until none is left. */
  void runClaims(int gen) {
    while (true) {
      long v = claims.get();
      if ((int) (v >>> 32) != gen) {
        return;
      }
      int c = (int) ((v >>> INDEX_BITS) & INDEX_MASK);
      int i = (int) (v & INDEX_MASK);
      if (i >= c) {
        return;
      }
      if (!claims.compareAndSet(v, v + 1)) {
        continue;
      }
      try {
        task.run(i);
      } catch (Throwable t) {
        failures[i] = t;
      }
      finish(1, c);
    }
  }

  private void finish(int segments, int c) {
    if (completed.addAndGet(segments) == c) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /**
   * Waits until every segment has run, running them on the calling thread when no worker was
   * accepted or the workers made no progress for {@value #STALL_MILLIS} ms. Afterwards {@link
   * #failure(int)} tells how each segment went.
   *
   * @throws InterruptedIOException if interrupted while waiting; the batch is then cancelled and
   *     no worker touches it any more
   */
  void awaitDone() throws InterruptedIOException {
    if (!active) {
      return;
    }
    if (workers == 0) {
      runClaims(generation);
    }
    try {
      long seenClaims = claims.get();
      int seenCompleted = completed.get();
      while (true) {
        synchronized (this) {
          if (completed.get() >= count) {
            break;
          }
          wait(STALL_MILLIS);
          if (completed.get() >= count) {
            break;
          }
        }
        long nowClaims = claims.get();
        int nowCompleted = completed.get();
        if (nowClaims == seenClaims && nowCompleted == seenCompleted) {
          runClaims(generation); // the workers are not coming: do the rest here
        }
        seenClaims = nowClaims;
        seenCompleted = nowCompleted;
      }
    } catch (InterruptedException e) {
      cancelAndAwait();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for segment workers");
    }
    active = false;
  }

  /**
   * Withdraws the unclaimed segments and waits (uninterruptibly: a segment takes well under a
   * millisecond) until no worker is still working on a claimed one. Use before wiping or reusing
   * the batch's buffers after a failure.
   */
  void cancelAndAwait() {
    if (!active) {
      return;
    }
    while (true) {
      long v = claims.get();
      int i = (int) (v & INDEX_MASK);
      if (i >= count) {
        break;
      }
      if (claims.compareAndSet(v, pack(generation, count, count))) {
        for (int k = i; k < count; k++) {
          failures[k] = CANCELLED;
        }
        finish(count - i, count);
        break;
      }
    }
    boolean interrupted = false;
    synchronized (this) {
      while (completed.get() < count) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    active = false;
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** How segment {@code i} of the last awaited batch went: null if it succeeded. */
  Throwable failure(int i) {
    return failures[i];
  }

  /** The index of the lowest failing segment, or -1 if every segment succeeded. */
  int firstFailure() {
    for (int i = 0; i < count; i++) {
      if (failures[i] != null) {
        return i;
      }
    }
    return -1;
  }

  /** Marks segments withdrawn by {@link #cancelAndAwait()}: they were never run. */
  static final Throwable CANCELLED = new CancellationMarker();

  private static final class CancellationMarker extends Throwable {
    private static final long serialVersionUID = 1L;

    CancellationMarker() {
      super("segment withdrawn before it ran", null, false, false);
    }
  }
}
