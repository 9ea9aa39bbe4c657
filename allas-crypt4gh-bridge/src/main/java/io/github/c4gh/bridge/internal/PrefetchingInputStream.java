package io.github.c4gh.bridge.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An object's bytes as a stream, fetched in ranges of {@code rangeSize} bytes with up to {@code
 * parallel} ranged GETs at a time (each retried and resumed on its own by {@link ObjectReader}),
 * delivered in order. Holds at most {@code parallel + 1} ranges, in arrays it reuses: a range
 * that has been read out takes the next GET (the first range's array too, if it is a whole range),
 * so a long download allocates no more than {@code parallel + 1} range arrays in all, not one per
 * range (each a humongous object in G1 at the default 8 MiB). Single-owner: not thread-safe.
 */
public final class PrefetchingInputStream extends InputStream {
  private static final AtomicInteger IDS = new AtomicInteger();

  private record Chunk(byte[] data, int length) {}

  private final ObjectReader reader;
  private final long size;
  private final int rangeSize;
  private final int parallel;
  private final ExecutorService executor;
  private final ArrayDeque<Future<Chunk>> queue = new ArrayDeque<>();
  private final ArrayDeque<byte[]> free = new ArrayDeque<>(); // read out, for the next GETs
  private int allocated; // range arrays this stream made
  private long nextOffset;
  private byte[] cur;
  private int curPos;
  private int curLen;
  private boolean closed;

  /**
   * @param first bytes {@code [0, firstLength)} of the object, already fetched (they fixed the size)
   */
  public PrefetchingInputStream(ObjectReader reader, byte[] first, int firstLength, int rangeSize, int parallel) {
    this.reader = reader;
    this.size = reader.size();
    this.rangeSize = rangeSize;
    this.parallel = parallel;
    this.cur = first;
    this.curLen = firstLength;
    this.nextOffset = firstLength;
    if (parallel > 1 && size > firstLength) {
      int id = IDS.incrementAndGet();
      AtomicInteger n = new AtomicInteger();
      this.executor = Executors.newFixedThreadPool(parallel, r -> {
        Thread t = new Thread(r, "c4gh-download-" + id + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    } else {
      this.executor = null;
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (closed) {
      throw new IOException("stream closed");
    }
    if (len == 0) {
      return 0;
    }
    if (curPos == curLen && !advance()) {
      return -1;
    }
    int n = Math.min(len, curLen - curPos);
    System.arraycopy(cur, curPos, b, off, n);
    curPos += n;
    return n;
  }

  @Override
  public int available() {
    return curLen - curPos;
  }

  private boolean advance() throws IOException {
    if (executor == null) {
      // sequential: fetch one range only when it is needed
      if (nextOffset >= size) {
        return false;
      }
      long offset = nextOffset;
      int len = (int) Math.min(rangeSize, size - offset);
      release();
      Chunk c = fetch(offset, len, buffer());
      nextOffset += len;
      cur = c.data();
      curLen = c.length();
      curPos = 0;
      return true;
    }
    release();
    schedule();
    Future<Chunk> f = queue.poll();
    if (f == null) {
      return false;
    }
    Chunk c;
    try {
      c = f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a range of " + reader.bucket() + "/" + reader.key());
    } catch (ExecutionException e) {
      Throwable t = e.getCause();
      if (t instanceof IOException io) {
        throw io;
      }
      throw new IOException("fetching a range of " + reader.bucket() + "/" + reader.key() + " failed: " + t, t);
    } catch (CancellationException e) {
      throw new IOException("stream closed");
    }
    cur = c.data();
    curLen = c.length();
    curPos = 0;
    schedule();
    return true;
  }

  private void schedule() {
    while (queue.size() < parallel && nextOffset < size) {
      long offset = nextOffset;
      int len = (int) Math.min(rangeSize, size - offset);
      nextOffset += len;
      byte[] data = buffer();
      queue.add(executor.submit(() -> fetch(offset, len, data)));
    }
  }

  /** Gives the range just read out back for the next GETs (the caller has copied what it wanted). */
  private void release() {
    if (cur != null && cur.length == rangeSize) {
      free.push(cur);
    }
    cur = null;
    curLen = 0;
    curPos = 0;
  }

  private byte[] buffer() {
    byte[] b = free.poll();
    if (b == null) {
      b = new byte[rangeSize];
      allocated++;
    }
    return b;
  }

  /** Range arrays this stream has allocated so far (the first range's, given to it, not counted). */
  public int rangeArraysAllocated() {
    return allocated;
  }

  private Chunk fetch(long offset, int len, byte[] data) throws IOException {
    int n = reader.readFully(offset, data, 0, len);
    if (n < len) {
      throw new IOException("GetObject " + reader.bucket() + "/" + reader.key() + ": the object ended at " + (offset + n)
          + " bytes, before the " + size + " its first response reported");
    }
    return new Chunk(data, n);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      queue.forEach(f -> f.cancel(true));
      queue.clear();
      if (executor != null) {
        executor.shutdownNow();
      }
      cur = null;
      curLen = 0;
      curPos = 0;
      free.clear();
    }
  }
}
