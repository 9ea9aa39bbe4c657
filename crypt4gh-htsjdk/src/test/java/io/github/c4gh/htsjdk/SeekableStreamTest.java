package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.seekablestream.SeekableStream;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.htsjdk.internal.ChannelSeekableStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The {@link SeekableStream} over a channel: bulk reads, positions, length, end of file, close. */
class SeekableStreamTest {
  private static final Crypt4ghPrivateKey KEY = Crypt4ghPrivateKey.generate();

  @Test
  void aBulkReadIsOneChannelRead() throws IOException {
    byte[] plain = ChannelWrapperTest.random(100_000, 1);
    CountingChannel ch = new CountingChannel(new MemoryChannel(plain), 0);
    try (SeekableStream s = new ChannelSeekableStream(ch, "x")) {
      byte[] buf = new byte[50_000];
      assertEquals(50_000, s.read(buf, 0, 50_000));
      assertEquals(1, ch.reads(), "one read call for one bulk read, never byte by byte");
      assertArrayEquals(Arrays.copyOf(plain, 50_000), buf);
      assertEquals(0, s.read(buf, 0, 0));
      assertEquals(1, ch.reads());
    }
  }

  @Test
  void shortReadsOfTheChannelAreShortReadsOfTheStreamAndReadFullyLoops() throws IOException {
    byte[] plain = ChannelWrapperTest.random(10_000, 2);
    CountingChannel ch = new CountingChannel(new MemoryChannel(plain), 0, 7);
    try (SeekableStream s = new ChannelSeekableStream(ch, "x")) {
      byte[] buf = new byte[100];
      assertEquals(7, s.read(buf, 0, 100));
      s.seek(0);
      byte[] all = new byte[10_000];
      s.readFully(all);
      assertArrayEquals(plain, all);
      assertTrue(s.eof());
      assertEquals(-1, s.read(buf, 0, 10));
      assertEquals(-1, s.read());
      s.seek(0);
      assertThrows(EOFException.class, () -> s.readFully(new byte[10_001]));
    }
  }

  @Test
  void positionSeekSkipLengthEofAndSingleBytes() throws IOException {
    byte[] plain = ChannelWrapperTest.random(1000, 3);
    CountingChannel ch = new CountingChannel(new MemoryChannel(plain), 0);
    SeekableStream s = new ChannelSeekableStream(ch, "dir/x.bam");
    assertEquals(1000, s.length());
    assertEquals(0, s.position());
    assertFalse(s.eof());
    s.seek(998);
    assertEquals(plain[998] & 0xff, s.read());
    assertEquals(999, s.position());
    assertEquals(1, s.available());
    s.seek(10);
    int before = ch.reads();
    assertEquals(100, s.skip(100));
    assertEquals(ch.reads(), before, "skip moves, never reads");
    assertEquals(110, s.position());
    assertEquals(890, s.skip(5000));
    assertTrue(s.eof());
    assertEquals(0, s.skip(10));
    s.seek(5000); // past the end: reads answer -1
    assertEquals(-1, s.read(new byte[4], 0, 4));
    assertThrows(IOException.class, () -> s.seek(-1));
    s.seek(500);
    s.mark(0);
    s.read(new byte[10]);
    s.reset();
    assertEquals(500, s.position());
    assertEquals("dir/x.bam", s.getSource());
    s.close();
    s.close(); // idempotent
    assertFalse(ch.isOpen());
  }

  @Test
  void randomAccessThroughTheDecryptingStreamMatchesThePlaintext() throws IOException {
    byte[] plain = ChannelWrapperTest.random(5 * 65_536 + 77, 4);
    byte[] cipher = ChannelWrapperTest.encrypt(plain, KEY, null);
    CountingChannel ch = new CountingChannel(new MemoryChannel(cipher), 0, 4096); // short reads below
    try (SeekableStream s = Crypt4ghHtsjdk.of(KEY).seekableStream(ch, "x.bam.c4gh")) {
      assertEquals(plain.length, s.length());
      assertEquals("x.bam", s.getSource());
      Random rnd = new Random(5);
      for (int i = 0; i < 200; i++) {
        int pos = rnd.nextInt(plain.length + 10);
        int len = 1 + rnd.nextInt(150_000);
        s.seek(pos);
        byte[] buf = new byte[len];
        int got = 0;
        while (got < len) {
          int n = s.read(buf, got, len - got);
          if (n < 0) {
            break;
          }
          got += n;
        }
        int expected = Math.max(0, Math.min(len, plain.length - pos));
        assertEquals(expected, got, "at " + pos);
        assertArrayEquals(Arrays.copyOfRange(plain, Math.min(pos, plain.length), Math.min(pos, plain.length) + expected),
            Arrays.copyOf(buf, got), "at " + pos);
      }
    }
  }
}
