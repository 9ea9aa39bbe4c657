package io.github.c4gh.crypt4gh.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for sealing or opening segments concurrently: either the caller's executor or a
 * pool of {@code threads} daemon threads owned by one channel and shut down when it closes.
 */
public final class Parallelism implements AutoCloseable {
  private static final AtomicInteger POOL_IDS = new AtomicInteger();

  private final int threads;
  private final Executor executor;
  private final ExecutorService owned;

  private Parallelism(int threads, Executor executor, ExecutorService owned) {
    this.threads = threads;
    this.executor = executor;
    this.owned = owned;
  }

  /** Work on {@code threads} threads: the given executor, or a new pool when it is null. */
  public static Parallelism of(int threads, Executor executor) {
    if (threads < 2) {
      throw new IllegalArgumentException("parallelism needs at least 2 threads");
    }
    if (executor != null) {
      return new Parallelism(threads, executor, null);
    }
    int id = POOL_IDS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf = r -> {
      Thread t = new Thread(r, "crypt4gh-segments-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ExecutorService pool = Executors.newFixedThreadPool(threads, tf);
    return new Parallelism(threads, pool, pool);
  }

  public int threads() {
    return threads;
  }

  /**
   * Segments per batch of the parallel pipelines: 4 per thread. Each pipeline holds {@code
   * IN_FLIGHT + 1} (encryption) or {@code READ_AHEAD + 1} (decryption) batches: 3, about 3 MiB of
   * plaintext and ciphertext on 2 threads. Larger batches (16 or 32 segments on 2 threads)
   * measured no faster, within noise, and cost memory that bounded-memory uploads count.
   */
  public int segmentsPerBatch() {
    return threads * 4;
  }

  /**
   * Hands {@code task} to the pool.
   *
   * @return false if the executor refused it (shut down or saturated): the caller then does the
   *     work itself
   */
  public boolean tryExecute(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
