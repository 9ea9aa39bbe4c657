package io.github.c4gh.htsjdk;

import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A ciphertext channel that records its reads: how many read calls, and which Crypt4GH segments
 * (by index, counted from {@code dataStart}) were read and how often a read brought a segment's
 * first byte, which is how the seekable decrypting channel fetches a segment to decrypt it (with
 * the next one in the same read when its caller's read spans both). Can cap
 * every read at {@code maxRead} bytes to exercise short reads.
 */
final class CountingChannel implements SeekableByteChannel {
  private final SeekableByteChannel in;
  private final long dataStart;
  private final int maxRead;
  private final TreeSet<Long> segments = new TreeSet<>();
  private final List<Long> segmentLoads = new ArrayList<>();
  private int reads;

  CountingChannel(SeekableByteChannel in, long dataStart) {
    this(in, dataStart, Integer.MAX_VALUE);
  }

  CountingChannel(SeekableByteChannel in, long dataStart, int maxRead) {
    this.in = in;
    this.dataStart = dataStart;
    this.maxRead = maxRead;
  }

  /** Forgets what was recorded so far. */
  void reset() {
    segments.clear();
    segmentLoads.clear();
    reads = 0;
  }

  /** Distinct segment indexes read since the last reset. */
  TreeSet<Long> segments() {
    return new TreeSet<>(segments);
  }

  /** Segments whose first byte was read (fetched for decryption), in order. */
  List<Long> segmentLoads() {
    return List.copyOf(segmentLoads);
  }

  /** Read calls since the last reset. */
  int reads() {
    return reads;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    long pos = in.position();
    int limit = dst.limit();
    if (dst.remaining() > maxRead) {
      dst.limit(dst.position() + maxRead);
    }
    int n;
    try {
      n = in.read(dst);
    } finally {
      dst.limit(limit);
    }
    reads++;
    if (n > 0 && pos + n > dataStart) {
      long first = Math.max(pos, dataStart) - dataStart;
      long last = pos + n - 1 - dataStart;
      for (long s = first / SegmentLayout.CIPHER_SEGMENT_SIZE; s <= last / SegmentLayout.CIPHER_SEGMENT_SIZE; s++) {
        segments.add(s);
      }
      // every segment whose first byte this read brought (one read may fetch two segments)
      long c = SegmentLayout.CIPHER_SEGMENT_SIZE;
      for (long s = (first + c - 1) / c; s * c <= last; s++) {
        segmentLoads.add(s);
      }
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return in.write(src);
  }

  @Override
  public long position() throws IOException {
    return in.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    in.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    return in.size();
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    in.truncate(size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return in.isOpen();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
