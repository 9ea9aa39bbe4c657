package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random access past 4 GiB without a 4 GiB file: a synthetic ciphertext channel computes each
 * segment on demand from its index (deterministic plaintext and nonce), so offsets beyond
 * {@code Integer.MAX_VALUE} and 2^32 are exercised through the real seekable decryptor.
 */
class LargeOffsetsTest {
  private static final int S = SegmentLayout.SEGMENT_SIZE;
  private static final int C = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final long SEGMENTS = 100_000; // ~6.1 GiB of plaintext
  private static final int LAST = 12_345; // bytes in the final segment

  /** Plaintext byte at position p: a cheap function of p that differs across segments. */
  static byte plainAt(long p) {
    long x = p * 0x9E3779B97F4A7C15L;
    return (byte) (x >>> 56 ^ p >>> 16);
  }

  @Test
  void seekableReadsPastFourGibEqualTheSyntheticPlaintext() throws IOException {
    Crypt4ghPrivateKey reader = Crypt4ghPrivateKey.generate();
    byte[] dataKey = new byte[32];
    new SecureRandom().nextBytes(dataKey);
    Header header = Header.encrypt(List.of(reader.publicKey()), List.of(DataEncryptionParameters.chacha20Poly1305(dataKey)), null, null, new SecureRandom());
    SyntheticChannel file = new SyntheticChannel(header.encoded(), new SymmetricKey(dataKey));
    long plainSize = (SEGMENTS - 1) * S + LAST;
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(reader).build().newSeekableDecryptingChannel(file)) {
      assertEquals(plainSize, ch.size());
      long[] positions = {0, Integer.MAX_VALUE - 10L, Integer.MAX_VALUE + 1L, (1L << 32) - 3, 1L << 32, (1L << 32) + S - 2, 5_000_000_123L, plainSize - 1000, plainSize - 1};
      for (long p : positions) {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        ch.position(p);
        int n = 0;
        while (buf.hasRemaining()) {
          int r = ch.read(buf);
          if (r < 0) {
            break;
          }
          n += r;
        }
        assertEquals(Math.min(1024, plainSize - p), n, "bytes at " + p);
        byte[] expected = new byte[n];
        for (int i = 0; i < n; i++) {
          expected[i] = plainAt(p + i);
        }
        byte[] got = new byte[n];
        buf.flip().get(got);
        assertArrayEquals(expected, got, "plaintext at " + p);
        assertEquals(p + n, ch.position());
      }
      assertEquals(-1, ch.position(plainSize).read(ByteBuffer.allocate(1)));
    }
    assertEquals(true, file.segmentsMade < 40, "only the segments read were produced: " + file.segmentsMade);
  }

  /** header || segment_0 .. segment_{SEGMENTS-1}, each sealed on demand. */
  static final class SyntheticChannel implements SeekableByteChannel {
    private final byte[] header;
    private final SymmetricKey key;
    private final ChaCha20Poly1305 aead = ChaCha20Poly1305.create(ChaCha20Poly1305.Backend.BOUNCY_CASTLE);
    private final byte[] plain = new byte[S];
    private final byte[] segment = new byte[C];
    private long cached = -1;
    private long position;
    int segmentsMade;

    SyntheticChannel(byte[] header, SymmetricKey key) {
      this.header = header;
      this.key = key;
    }

    @Override
    public long size() {
      return header.length + (SEGMENTS - 1) * C + LAST + SegmentLayout.OVERHEAD;
    }

    private int segmentLength(long i) {
      return i == SEGMENTS - 1 ? LAST + SegmentLayout.OVERHEAD : C;
    }

    private void make(long i) {
      if (cached == i) {
        return;
      }
      int len = segmentLength(i) - SegmentLayout.OVERHEAD;
      for (int k = 0; k < len; k++) {
        plain[k] = plainAt(i * S + k);
      }
      ByteBuffer.wrap(segment, 0, 12).order(ByteOrder.LITTLE_ENDIAN).putLong(i).putInt(0x5eed);
      aead.seal(key, segment, 0, plain, 0, len, segment, SegmentLayout.NONCE_SIZE);
      cached = i;
      segmentsMade++;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= size()) {
        return -1;
      }
      if (position < header.length) {
        int n = (int) Math.min(dst.remaining(), header.length - position);
        dst.put(header, (int) position, n);
        position += n;
        return n;
      }
      long body = position - header.length;
      long i = body / C;
      int off = (int) (body % C);
      make(i);
      int n = Math.min(dst.remaining(), segmentLength(i) - off);
      n = Math.min(n, 40_000); // short reads on purpose
      dst.put(segment, off, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long p) {
      position = p;
      return this;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
