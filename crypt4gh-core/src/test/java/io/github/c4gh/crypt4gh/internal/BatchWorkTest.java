package io.github.c4gh.crypt4gh.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link BatchWork}: every segment of a batch runs exactly once whoever claims it, the caller
 * finishes what the pool does not, and a worker that runs late never touches a later use of the
 * batch. Also the channels over pools that refuse or delay work.
 */
class BatchWorkTest {
  private static final int S = SegmentLayout.SEGMENT_SIZE;

  /** An executor that keeps what it is given until told to run it. */
  private static final class HeldExecutor implements java.util.concurrent.Executor {
    final List<Runnable> held = new ArrayList<>();

    @Override
    public synchronized void execute(Runnable r) {
      held.add(r);
    }

    synchronized List<Runnable> drain() {
      List<Runnable> l = new ArrayList<>(held);
      held.clear();
      return l;
    }
  }

  @Test
  void everySegmentRunsExactlyOnceAcrossGenerationsOnARealPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Parallelism p = Parallelism.of(3, pool);
      int capacity = 12;
      AtomicIntegerArray runs = new AtomicIntegerArray(capacity);
      BatchWork work = new BatchWork(capacity, i -> {
        runs.incrementAndGet(i);
        if ((i & 3) == 0) {
          Thread.onSpinWait();
        }
      });
      Random r = new Random(1);
      for (int gen = 1; gen <= 2000; gen++) {
        int count = 1 + r.nextInt(capacity);
        work.start(count, p, 3);
        work.awaitDone();
        assertEquals(-1, work.firstFailure());
        for (int i = 0; i < count; i++) {
          assertEquals(1, runs.getAndSet(i, 0), "segment " + i + " of generation " + gen);
        }
        for (int i = count; i < capacity; i++) {
          assertEquals(0, runs.get(i), "segment " + i + " beyond the count of generation " + gen);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCallerRunsEverythingWhenThePoolDoesNotStartAndLateWorkersTouchNothing() throws Exception {
    HeldExecutor held = new HeldExecutor();
    Parallelism p = Parallelism.of(2, held);
    AtomicIntegerArray runs = new AtomicIntegerArray(4);
    BatchWork work = new BatchWork(4, runs::incrementAndGet);
    work.start(4, p, 2);
    work.awaitDone(); // the pool ran nothing: the caller did all four
    for (int i = 0; i < 4; i++) {
      assertEquals(1, runs.get(i));
    }
    List<Runnable> stale = held.drain();
    assertEquals(2, stale.size());
    work.start(3, p, 2); // the next use of the batch
    for (Runnable r : stale) {
      r.run(); // workers of the first use, running late: another generation, so they stop
    }
    for (int i = 0; i < 4; i++) {
      assertEquals(1, runs.get(i), "a stale worker ran segment " + i);
    }
    for (Runnable r : held.drain()) {
      r.run(); // this use's own workers do run it
    }
    work.awaitDone();
    assertArrayEquals(new int[] {2, 2, 2, 1}, new int[] {runs.get(0), runs.get(1), runs.get(2), runs.get(3)});
  }

  @Test
  void theCallerRunsNoSegmentWhileThePoolMakesProgress() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Thread caller = Thread.currentThread();
      java.util.concurrent.atomic.AtomicInteger onCaller = new java.util.concurrent.atomic.AtomicInteger();
      BatchWork work = new BatchWork(16, i -> {
        if (Thread.currentThread() == caller) {
          onCaller.incrementAndGet();
        }
        Thread.sleep(1); // well below the stall limit per segment
      });
      for (int round = 0; round < 5; round++) {
        work.start(16, Parallelism.of(2, pool), 2);
        work.awaitDone();
        assertEquals(-1, work.firstFailure());
      }
      assertEquals(0, onCaller.get(), "the caller competed with a working pool");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theCallerTakesOverWhenAcceptedWorkersNeverRun() throws Exception {
    HeldExecutor held = new HeldExecutor();
    Thread caller = Thread.currentThread();
    AtomicIntegerArray onCaller = new AtomicIntegerArray(6);
    BatchWork work = new BatchWork(6, i -> onCaller.set(i, Thread.currentThread() == caller ? 1 : 0));
    long t0 = System.nanoTime();
    work.start(6, Parallelism.of(2, held), 2);
    work.awaitDone();
    assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(BatchWork.STALL_MILLIS), "took over before the stall limit");
    for (int i = 0; i < 6; i++) {
      assertEquals(1, onCaller.get(i), "segment " + i);
    }
  }

  @Test
  void aRejectingExecutorLeavesTheWorkToTheCaller() throws Exception {
    Parallelism p = Parallelism.of(2, r -> {
      throw new RejectedExecutionException("saturated");
    });
    AtomicIntegerArray runs = new AtomicIntegerArray(5);
    BatchWork work = new BatchWork(5, runs::incrementAndGet);
    work.start(5, p, 2);
    work.awaitDone();
    for (int i = 0; i < 5; i++) {
      assertEquals(1, runs.get(i));
    }
  }

  @Test
  void failuresAreKeptPerSegmentAndTheOthersStillRun() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      AtomicIntegerArray runs = new AtomicIntegerArray(8);
      IOException boom = new IOException("segment 5");
      BatchWork work = new BatchWork(8, i -> {
        runs.incrementAndGet(i);
        if (i == 5 || i == 6) {
          throw i == 5 ? boom : new IllegalStateException("segment 6");
        }
      });
      work.start(8, Parallelism.of(2, pool), 2);
      work.awaitDone();
      assertEquals(5, work.firstFailure());
      assertSame(boom, work.failure(5));
      assertTrue(work.failure(6) instanceof IllegalStateException);
      assertNull(work.failure(7));
      for (int i = 0; i < 8; i++) {
        assertEquals(1, runs.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cancellingWithdrawsUnclaimedSegmentsAndWaitsForClaimedOnes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicIntegerArray runs = new AtomicIntegerArray(6);
      BatchWork work = new BatchWork(6, i -> {
        runs.incrementAndGet(i);
        if (i == 0) {
          inside.countDown();
          release.await();
        }
      });
      work.start(6, Parallelism.of(2, pool), 1);
      assertTrue(inside.await(10, TimeUnit.SECONDS));
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        release.countDown();
      });
      releaser.start();
      long t0 = System.nanoTime();
      work.cancelAndAwait(); // must wait for segment 0, which the worker is inside
      assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(150), "returned before the claimed segment finished");
      releaser.join();
      assertFalse(work.active());
      assertEquals(1, runs.get(0));
      int ran = 0;
      for (int i = 1; i < 6; i++) {
        ran += runs.get(i);
        assertTrue(runs.get(i) == 0 || work.failure(i) == null);
      }
      assertTrue(ran < 5, "every segment ran although the batch was cancelled");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anInterruptedWaitThrowsOnlyAfterTheWorkersLeftTheBatch() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicIntegerArray finished = new AtomicIntegerArray(1);
      BatchWork work = new BatchWork(1, i -> {
        inside.countDown();
        release.await();
        finished.set(0, 1);
      });
      work.start(1, Parallelism.of(2, pool), 1);
      assertTrue(inside.await(10, TimeUnit.SECONDS)); // the worker holds the only segment
      Thread caller = Thread.currentThread();
      Thread other = new Thread(() -> {
        try {
          Thread.sleep(100);
          caller.interrupt();
          Thread.sleep(200);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        release.countDown();
      });
      other.start();
      assertThrows(InterruptedIOException.class, work::awaitDone);
      assertEquals(1, finished.get(0), "returned while a worker was still inside the batch");
      assertTrue(Thread.interrupted(), "the interrupt is kept");
      assertFalse(work.active());
      other.join();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void channelsOverAPoolThatDelaysItsWorkersGiveTheSameBytes() throws Exception {
    // workers that start only after the caller has finished each batch alone: all their claims
    // belong to finished generations, so they must not disturb the batches in use
    HeldExecutor held = new HeldExecutor();
    ExecutorService late = Executors.newSingleThreadExecutor();
    try {
      byte[] raw = new byte[32];
      new Random(3).nextBytes(raw);
      SegmentCipher cipher = new SegmentCipher(List.of(new SymmetricKey(raw)));
      byte[] plain = new byte[37 * S + 11];
      new Random(4).nextBytes(plain);
      ByteArrayOutputStream sealed = new ByteArrayOutputStream();
      try (WritableByteChannel ch = new EncryptingChannel(Channels.newChannel(sealed), new byte[0], cipher, new SecureRandom(), Parallelism.of(2, r -> {
        held.execute(r);
        for (Runnable stale : held.drain()) {
          late.execute(stale);
        }
      }))) {
        for (int off = 0; off < plain.length; off += 100_000) {
          ch.write(ByteBuffer.wrap(plain, off, Math.min(100_000, plain.length - off)));
        }
      }
      assertEquals(SegmentLayout.ciphertextSize(plain.length), sealed.size());
      ByteArrayOutputStream opened = new ByteArrayOutputStream();
      try (DecryptingChannel ch = new DecryptingChannel(Channels.newChannel(new java.io.ByteArrayInputStream(sealed.toByteArray())), cipher, null,
          Parallelism.of(3, late))) {
        ByteBuffer buf = ByteBuffer.allocate(70_000);
        while (ch.read(buf) >= 0) {
          buf.flip();
          opened.write(buf.array(), 0, buf.limit());
          buf.clear();
        }
      }
      assertArrayEquals(plain, opened.toByteArray());
    } finally {
      late.shutdownNow();
    }
  }

  @Test
  void aBatchCannotBeStartedTwiceOrBeyondItsCapacity() {
    BatchWork work = new BatchWork(3, i -> {});
    Parallelism p = Parallelism.of(2, new HeldExecutor());
    assertThrows(IllegalArgumentException.class, () -> work.start(4, p, 2));
    assertThrows(IllegalArgumentException.class, () -> work.start(0, p, 2));
    work.start(3, p, 2);
    assertThrows(IllegalStateException.class, () -> work.start(3, p, 2));
  }
}
