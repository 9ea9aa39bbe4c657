package io.github.c4gh.crypt4gh.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
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

  /** Runs {@code task} on the pool. */
  public <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
    FutureTask<T> f = new FutureTask<>(task);
    executor.execute(f);
    return f;
  }

  /** Waits for {@code f}, turning its failure into the IOException it carries. */
  public static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new InterruptedIOException("interrupted while waiting for segment workers");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException) {
        throw (IOException) c;
      }
      if (c instanceof RuntimeException) {
        throw (RuntimeException) c;
      }
      if (c instanceof Error) {
        throw (Error) c;
      }
      throw new IOException(c);
    }
  }

  @Override
  public void close() {
    if (owned != null) {
      owned.shutdownNow();
    }
  }
}
