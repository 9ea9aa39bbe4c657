package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the seekable decrypting channel asks of its ciphertext channel, which may be remote (each
 * contiguous run of reads is one ranged GET there): one segment for a read inside it, the two
 * segments in one run for a read that spans them, nothing for a segment fetched already.
 */
class SeekableFetchTest {
  private static final int S = SegmentLayout.SEGMENT_SIZE;
  private static final int C = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final Crypt4ghPrivateKey KEY = Crypt4ghPrivateKey.generate();
  private static final byte[] PLAIN = TestChannels.plaintext(6 * S + 500, 11);

  /** A ciphertext channel over {@code data} that records each contiguous run of reads as [start, end). */
  private static final class Recording {
    final List<long[]> runs = new ArrayList<>();
    final SeekableByteChannel channel;

    Recording(byte[] data) {
      // short reads as well
      this.channel = TestChannels.seekable(data, 20_000, (start, n) -> {
        if (n <= 0) {
          return;
        }
        long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
        if (last != null && last[1] == start) {
          last[1] += n;
        } else {
          runs.add(new long[] {start, start + n});
        }
      });
    }
  }

  private static byte[] file() throws IOException {
    return TestChannels.encrypt(Crypt4ghEncryptor.builder().recipient(KEY.publicKey()).build(), PLAIN);
  }

  private static byte[] read(SeekableByteChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    ch.position(position);
    while (buf.hasRemaining() && ch.read(buf) > 0) {
      // fill
    }
    return Arrays.copyOf(buf.array(), buf.position());
  }

  @Test
  void aReadInsideOneSegmentFetchesThatSegmentAlone() throws IOException {
    byte[] file = file();
    long header = file.length - SegmentLayout.ciphertextSize(PLAIN.length);
    Recording rec = new Recording(file);
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(KEY).build().newSeekableDecryptingChannel(rec.channel)) {
      rec.runs.clear(); // opening read the header
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 2 * S + 100, 2 * S + 1124), read(ch, 2 * S + 100, 1024));
      assertEquals(1, rec.runs.size());
      assertArrayEquals(new long[] {header + 2L * C, header + 3L * C}, rec.runs.get(0));
    }
  }

  @Test
  void aReadSpanningTwoSegmentsFetchesBothInOneRunAndTheSecondIsNotFetchedAgain() throws IOException {
    byte[] file = file();
    long header = file.length - SegmentLayout.ciphertextSize(PLAIN.length);
    Recording rec = new Recording(file);
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(KEY).build().newSeekableDecryptingChannel(rec.channel)) {
      rec.runs.clear();
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 3 * S - 512, 3 * S + 512), read(ch, 3 * S - 512, 1024));
      assertEquals(1, rec.runs.size(), "one run for a read across a boundary");
      assertArrayEquals(new long[] {header + 2L * C, header + 4L * C}, rec.runs.get(0));
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 3 * S + 4000, 3 * S + 9000), read(ch, 3 * S + 4000, 5000));
      assertEquals(1, rec.runs.size(), "the second segment came with the first");
      // back to the first of the two: it was replaced by the second, so it is fetched again
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 2 * S + 10, 2 * S + 20), read(ch, 2 * S + 10, 10));
      assertEquals(2, rec.runs.size());
    }
  }

  @Test
  void aReadSpanningIntoTheShortLastSegmentFetchesJustWhatIsThere() throws IOException {
    byte[] file = file();
    long header = file.length - SegmentLayout.ciphertextSize(PLAIN.length);
    Recording rec = new Recording(file);
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(KEY).build().newSeekableDecryptingChannel(rec.channel)) {
      rec.runs.clear();
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 6 * S - 100, PLAIN.length), read(ch, 6 * S - 100, 10_000));
      assertEquals(1, rec.runs.size());
      assertArrayEquals(new long[] {header + 5L * C, file.length}, rec.runs.get(0));
    }
  }

  @Test
  void aTamperedSecondSegmentFailsWhenItIsOpenedAfterTheFirstWasReleased() throws IOException {
    byte[] file = file();
    long header = file.length - SegmentLayout.ciphertextSize(PLAIN.length);
    file[(int) (header + 4L * C + 50)] ^= 1; // segment 4
    Recording rec = new Recording(file);
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(KEY).build().newSeekableDecryptingChannel(rec.channel)) {
      ByteBuffer buf = ByteBuffer.allocate(1024);
      ch.position(4L * S - 512);
      SegmentAuthenticationException e = assertThrows(SegmentAuthenticationException.class, () -> {
        while (buf.hasRemaining() && ch.read(buf) > 0) {
          // fill
        }
      });
      assertEquals(4, e.segmentIndex());
      assertEquals(512, buf.position(), "the authenticated half of the read, and nothing of segment 4");
      assertArrayEquals(Arrays.copyOfRange(PLAIN, 4 * S - 512, 4 * S), Arrays.copyOf(buf.array(), 512));
      assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(1)), "the channel refuses to go on");
    }
  }
}
