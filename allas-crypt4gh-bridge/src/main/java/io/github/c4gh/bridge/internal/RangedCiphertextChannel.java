package io.github.c4gh.bridge.internal;

import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A read-only {@link SeekableByteChannel} over an object's bytes (the Crypt4GH ciphertext), backed
 * by ranged GETs through an {@link ObjectReader}. Fetched ranges are kept in a small cache of
 * windows. A read that misses fetches a window that ends on a segment boundary (relative to the
 * data start set with {@link #alignTo}): two segments for a random read, so any read of up to one
 * segment costs one GET, and twice the previous window (up to the read-ahead) when the read
 * continues where the last fetch ended. Single-owner: not thread-safe.
 */
public final class RangedCiphertextChannel implements SeekableByteChannel {
  private static final int CSEG = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final int RANDOM_WINDOW = 2;

  private record Window(long start, byte[] data) {
    long end() {
      return start + data.length;
    }
  }

  private final ObjectReader reader;
  private final long size;
  private final int maxWindowSegments;
  private final long cacheLimit;
  private final ArrayDeque<Window> windows = new ArrayDeque<>();
  private long cachedBytes;
  private long origin;
  private long position;
  private long lastFetchEnd = -1;
  private int windowSegments = RANDOM_WINDOW;
  private boolean open = true;

  /**
   * @param reader the object, after a first read that fixed its size
   * @param prefix bytes {@code [0, prefix.length)} of the object, already fetched
   * @param readAhead the largest window, in bytes
   */
  public RangedCiphertextChannel(ObjectReader reader, byte[] prefix, int readAhead) {
    if (reader.size() < 0) {
      throw new IllegalStateException("the object size is not known yet");
    }
    this.reader = reader;
    this.size = reader.size();
    this.maxWindowSegments = Math.max(RANDOM_WINDOW, readAhead / CSEG);
    this.cacheLimit = 2L * maxWindowSegments * CSEG + 2L * CSEG;
    if (prefix.length > 0) {
      windows.addLast(new Window(0, prefix));
      cachedBytes = prefix.length;
      lastFetchEnd = prefix.length;
    }
  }

  /** Windows end on segment boundaries counted from {@code dataStart} (the header length). */
  public void alignTo(long dataStart) {
    this.origin = dataStart;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    Window w = find(position);
    if (w == null) {
      w = fetch(position);
    }
    int off = (int) (position - w.start());
    int n = Math.min(dst.remaining(), w.data().length - off);
    dst.put(w.data(), off, n);
    position += n;
    return n;
  }

  private Window find(long pos) {
    for (Iterator<Window> it = windows.descendingIterator(); it.hasNext(); ) {
      Window w = it.next();
      if (w.start() <= pos && pos < w.end()) {
        return w;
      }
    }
    return null;
  }

  private Window fetch(long pos) throws IOException {
    boolean sequential = pos == lastFetchEnd;
    windowSegments = sequential ? Math.min(windowSegments * 2, maxWindowSegments) : RANDOM_WINDOW;
    long end;
    if (pos < origin) {
      end = origin + (long) (windowSegments - 1) * CSEG; // inside a large header
    } else {
      long segment = (pos - origin) / CSEG;
      end = origin + (segment + windowSegments) * CSEG;
    }
    end = Math.min(end, size);
    for (Window w : windows) {
      if (w.start() > pos && w.start() < end) {
        end = w.start(); // do not fetch what is cached
      }
    }
    int len = (int) (end - pos);
    byte[] data = new byte[len];
    int n = reader.readFully(pos, data, 0, len);
    if (n < len) {
      throw new IOException("GetObject " + reader.bucket() + "/" + reader.key() + ": the object ended at " + (pos + n)
          + " bytes, before the " + size + " its first response reported");
    }
    Window w = new Window(pos, data);
    windows.addLast(w);
    cachedBytes += len;
    while (cachedBytes > cacheLimit && windows.size() > 1) {
      cachedBytes -= windows.pollFirst().data().length;
    }
    lastFetchEnd = end;
    return w;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    windows.clear();
    cachedBytes = 0;
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
