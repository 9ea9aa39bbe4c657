package io.github.c4gh.cli.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** Bulk copying between channels, tolerating short reads. */
final class Transfer {
  static final int BUFFER_SIZE = 1 << 16;

  private Transfer() {}

  /** Copies up to {@code limit} bytes (or to the end); returns the bytes copied. */
  static long copy(ReadableByteChannel in, WritableByteChannel out, long limit) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
    long copied = 0;
    while (copied < limit) {
      buf.clear();
      if (limit - copied < buf.capacity()) {
        buf.limit((int) (limit - copied));
      }
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      buf.flip();
      while (buf.hasRemaining()) {
        out.write(buf);
      }
      copied += n;
    }
    return copied;
  }

  /** Copies everything to the end; returns the bytes copied. */
  static long copy(ReadableByteChannel in, WritableByteChannel out) throws IOException {
    return copy(in, out, Long.MAX_VALUE);
  }

  /** Reads and drops up to {@code n} bytes; returns how many were there. */
  static long skip(ReadableByteChannel in, long n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BUFFER_SIZE);
    long skipped = 0;
    while (skipped < n) {
      buf.clear();
      if (n - skipped < buf.capacity()) {
        buf.limit((int) (n - skipped));
      }
      int k = in.read(buf);
      if (k < 0) {
        break;
      }
      skipped += k;
    }
    return skipped;
  }
}
