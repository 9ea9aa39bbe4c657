package io.github.c4gh.htsjdk.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;

/** Recognises a Crypt4GH file by its first eight bytes, as htslib's hfile plugin does. */
public final class Crypt4ghMagic {
  private static final byte[] MAGIC = "crypt4gh".getBytes(StandardCharsets.US_ASCII);

  private Crypt4ghMagic() {}

  /**
   * Whether {@code channel} starts with the magic bytes {@code crypt4gh}. Reads at most eight bytes
   * at position 0 and restores the position it found, also when the read fails.
   */
  public static boolean startsWithMagic(SeekableByteChannel channel) throws IOException {
    long saved = channel.position();
    try {
      channel.position(0);
      ByteBuffer b = ByteBuffer.allocate(MAGIC.length);
      while (b.hasRemaining()) {
        if (channel.read(b) < 0) {
          return false;
        }
      }
      for (int i = 0; i < MAGIC.length; i++) {
        if (b.get(i) != MAGIC[i]) {
          return false;
        }
      }
      return true;
    } finally {
      channel.position(saved);
    }
  }
}
