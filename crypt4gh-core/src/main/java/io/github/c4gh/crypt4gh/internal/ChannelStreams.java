package io.github.c4gh.crypt4gh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** Stream adapters over the channels; bulk reads and writes go straight through. */
public final class ChannelStreams {
  private ChannelStreams() {}

  /** A channel that writes to {@code out}, whose close closes {@code out}. */
  public static WritableByteChannel channel(OutputStream out) {
    return new WritableByteChannel() {
      private boolean open = true;

      @Override
      public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        if (src.hasArray()) {
          out.write(src.array(), src.arrayOffset() + src.position(), n);
          src.position(src.limit());
        } else {
          byte[] tmp = new byte[Math.min(n, 65536)];
          while (src.hasRemaining()) {
            int k = Math.min(tmp.length, src.remaining());
            src.get(tmp, 0, k);
            out.write(tmp, 0, k);
          }
        }
        return n;
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() throws IOException {
        if (open) {
          open = false;
          out.close();
        }
      }
    };
  }

  /**
   * An output stream over an encrypting channel; {@code flush()} flushes {@code downstream} without
   * writing a short segment.
   */
  public static OutputStream outputStream(WritableByteChannel ch, OutputStream downstream) {
    return new OutputStream() {
      private final byte[] one = new byte[1];

      @Override
      public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) {
          ch.write(bb);
        }
      }

      @Override
      public void flush() throws IOException {
        downstream.flush();
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  /** An input stream over a readable channel. */
  public static InputStream inputStream(ReadableByteChannel ch) {
    return new InputStream() {
      private final byte[] one = new byte[1];

      @Override
      public int read() throws IOException {
        int n;
        do {
          n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        return ch.read(ByteBuffer.wrap(b, off, len));
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }
}
