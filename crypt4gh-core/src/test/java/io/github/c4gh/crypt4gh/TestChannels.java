package io.github.c4gh.crypt4gh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Random;

/** In-memory channels for tests, including ones that return short reads. */
final class TestChannels {
  private TestChannels() {}

  static byte[] plaintext(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  static byte[] encrypt(Crypt4ghEncryptor e, byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel ch = e.newEncryptingChannel(sink(out))) {
      ByteBuffer src = ByteBuffer.wrap(plain);
      while (src.hasRemaining()) {
        ch.write(src);
      }
    }
    return out.toByteArray();
  }

  static byte[] readAll(ReadableByteChannel ch, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer buf = ByteBuffer.allocate(chunk);
    while (ch.read(buf) >= 0) {
      buf.flip();
      out.write(buf.array(), 0, buf.limit());
      buf.clear();
    }
    return out.toByteArray();
  }

  static WritableByteChannel sink(ByteArrayOutputStream out) {
    return new WritableByteChannel() {
      boolean open = true;

      @Override
      public int write(ByteBuffer src) {
        int n = src.remaining();
        byte[] b = new byte[n];
        src.get(b);
        out.writeBytes(b);
        return n;
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() {
        open = false;
      }
    };
  }

  /** A read-only seekable channel over a byte array whose reads return at most {@code maxRead} bytes. */
  static SeekableByteChannel seekable(byte[] data, int maxRead) {
    return seekable(data, maxRead, (position, n) -> {});
  }

  /** Told of every read a channel from {@link #seekable(byte[], int, ReadListener)} serves. */
  interface ReadListener {
    void read(long position, int n);
  }

  /** As {@link #seekable(byte[], int)}, telling {@code listener} where each read began and its length. */
  static SeekableByteChannel seekable(byte[] data, int maxRead, ReadListener listener) {
    return new SeekableByteChannel() {
      long pos;
      boolean open = true;

      @Override
      public int read(ByteBuffer dst) {
        if (pos >= data.length) {
          return -1;
        }
        int n = (int) Math.min(Math.min(dst.remaining(), maxRead), data.length - pos);
        dst.put(data, (int) pos, n);
        listener.read(pos, n);
        pos += n;
        return n;
      }

      @Override
      public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
      }

      @Override
      public long position() {
        return pos;
      }

      @Override
      public SeekableByteChannel position(long p) {
        pos = p;
        return this;
      }

      @Override
      public long size() {
        return data.length;
      }

      @Override
      public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
      }

      @Override
      public boolean isOpen() {
        return open;
      }

      @Override
      public void close() {
        open = false;
      }
    };
  }
}
