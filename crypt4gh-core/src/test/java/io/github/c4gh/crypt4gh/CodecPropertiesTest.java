package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties of the codec over sizes around the segment boundaries. */
class CodecPropertiesTest {
  private static final int S = SegmentLayout.SEGMENT_SIZE;
  private static final List<Crypt4ghPrivateKey> KEYS =
      List.of(Crypt4ghPrivateKey.generate(), Crypt4ghPrivateKey.generate(), Crypt4ghPrivateKey.generate(), Crypt4ghPrivateKey.generate());

  @Provide
  Arbitrary<Integer> sizes() {
    return Arbitraries.of(0, 1, 2, S - 1, S, S + 1, 2 * S - 1, 2 * S, 2 * S + 1, 3 * S - 1, 3 * S, 3 * S + 1, 5 * S + 17);
  }

  private static Crypt4ghEncryptor encryptorFor(int recipients, int parallelism) {
    Crypt4ghEncryptor.Builder b = Crypt4ghEncryptor.builder().parallelism(parallelism);
    for (int i = 0; i < recipients; i++) {
      b.recipient(KEYS.get(i).publicKey());
    }
    return b.build();
  }

  @Property(tries = 60)
  void roundTripForEveryRecipientAndBothChannels(
      @ForAll("sizes") int size, @ForAll @IntRange(min = 1, max = 4) int recipients, @ForAll @IntRange(min = 1, max = 3) int threads)
      throws IOException {
    byte[] plain = TestChannels.plaintext(size, size * 31L + recipients);
    Crypt4ghEncryptor enc = encryptorFor(recipients, threads);
    byte[] file = TestChannels.encrypt(enc, plain);
    assertEquals(enc.encryptedSize(size), file.length, "size = header + N + 28 * ceil(N / 65536)");
    for (int r = 0; r < recipients; r++) {
      Crypt4ghDecryptor dec = Crypt4ghDecryptor.builder().privateKey(KEYS.get(r)).parallelism(threads).build();
      byte[] back = TestChannels.readAll(dec.newDecryptingChannel(TestChannels.seekable(file, 1000)), 7000);
      assertArrayEquals(plain, back, "streaming, recipient " + r);
      try (SeekableByteChannel ch = dec.newSeekableDecryptingChannel(TestChannels.seekable(file, 333))) {
        assertEquals(size, ch.size());
        assertArrayEquals(plain, TestChannels.readAll(ch, 5000), "seekable, recipient " + r);
      }
    }
    // a non-recipient is told so
    Crypt4ghDecryptor stranger = Crypt4ghDecryptor.builder().privateKey(KEYS.get(3 - (recipients == 4 ? 3 : 0))).build();
    if (recipients < 4) {
      assertThrows(NoDataKeyException.class, () -> stranger.newDecryptingChannel(TestChannels.seekable(file, 100)));
    }
  }

  @Property(tries = 200)
  void seekableReadsAtRandomPositionsEqualThePlaintextSlice(
      @ForAll @IntRange(min = 0, max = 4 * S + 100) int position, @ForAll @IntRange(min = 0, max = 2 * S + 3) int length)
      throws IOException {
    byte[] plain = FIXED_PLAIN;
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(KEYS.get(0)).build()
        .newSeekableDecryptingChannel(TestChannels.seekable(FIXED_FILE, 4096))) {
      ByteBuffer buf = ByteBuffer.allocate(length);
      ch.position(position);
      int got = 0;
      while (buf.hasRemaining()) {
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        got += n;
      }
      int expected = Math.max(0, Math.min(length, plain.length - position));
      assertEquals(expected, got);
      assertArrayEquals(Arrays.copyOfRange(plain, Math.min(position, plain.length), Math.min(position, plain.length) + expected), Arrays.copyOf(buf.array(), got));
      assertEquals(position + got, ch.position());
    }
  }

  private static final byte[] FIXED_PLAIN = TestChannels.plaintext(4 * S + 77, 42);
  private static final byte[] FIXED_FILE = encryptQuietly(FIXED_PLAIN);
  private static final byte[] TWO_RECIPIENT_FILE = encryptQuietly(FIXED_PLAIN, KEYS.get(0), KEYS.get(2));
  private static final byte[] THREE_SEGMENTS = TestChannels.plaintext(3 * S - 1000, 7);
  private static final byte[] THREE_SEGMENT_FILE = encryptQuietly(THREE_SEGMENTS);

  private static byte[] encryptQuietly(byte[] plain, Crypt4ghPrivateKey... to) {
    try {
      if (to.length > 0) {
        Crypt4ghEncryptor.Builder b = Crypt4ghEncryptor.builder();
        for (Crypt4ghPrivateKey k : to) {
          b.recipient(k.publicKey());
        }
        return TestChannels.encrypt(b.build(), plain);
      }
      return TestChannels.encrypt(encryptorFor(1, 1), plain);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Property(tries = 300)
  void flippingAnyByteFailsAndReleasesNoUnauthenticatedByte(@ForAll @IntRange(min = 0, max = 3 * S - 1000 + 124 + 3 * 28 - 1) int index, @ForAll @IntRange(min = 0, max = 7) int bit)
      throws IOException {
    byte[] file = THREE_SEGMENT_FILE.clone();
    file[index] ^= (byte) (1 << bit);
    Crypt4ghDecryptor dec = Crypt4ghDecryptor.builder().privateKey(KEYS.get(0)).build();
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    IOException e = assertThrows(IOException.class, () -> {
      try (ReadableByteChannel ch = dec.newDecryptingChannel(TestChannels.seekable(file, 65_000))) {
        ByteBuffer buf = ByteBuffer.allocate(10_000);
        while (ch.read(buf) >= 0) {
          buf.flip();
          released.write(buf.array(), 0, buf.limit());
          buf.clear();
        }
      }
    });
    assertTrue(e instanceof Crypt4ghException, "a typed error: " + e);
    long headerLength = 124;
    if (index < headerLength) {
      assertEquals(0, released.size(), "a header failure releases nothing");
    } else {
      long segment = (index - headerLength) / SegmentLayout.CIPHER_SEGMENT_SIZE;
      assertTrue(e instanceof SegmentAuthenticationException, e.toString());
      assertEquals(segment, ((SegmentAuthenticationException) e).segmentIndex());
      assertEquals(segment * S, released.size(), "exactly the segments before the tampered one");
      assertArrayEquals(Arrays.copyOf(THREE_SEGMENTS, released.size()), released.toByteArray());
    }
  }

  @Property(tries = 30)
  void shortReadsFromTheSourceDoNotChangeThePlaintext(@ForAll @IntRange(min = 1, max = 70_000) int maxRead) throws IOException {
    Crypt4ghDecryptor dec = Crypt4ghDecryptor.builder().privateKey(KEYS.get(0)).build();
    assertArrayEquals(FIXED_PLAIN, TestChannels.readAll(dec.newDecryptingChannel(TestChannels.seekable(FIXED_FILE, maxRead)), 1 + maxRead % 9000));
    assertArrayEquals(FIXED_PLAIN, TestChannels.readAll(dec.newSeekableDecryptingChannel(TestChannels.seekable(FIXED_FILE, maxRead)), 1 + maxRead % 9000));
  }

  @Property(tries = 40)
  void reencryptAndRearrangeGiveTheSamePlaintextAsTheOriginal(
      @ForAll @IntRange(min = 0, max = 4 * S + 77) int a, @ForAll @IntRange(min = 0, max = 4 * S + 77) int b, @ForAll boolean trim)
      throws IOException {
    int start = Math.min(a, b);
    int end = Math.max(a, b);
    Crypt4ghPrivateKey owner = KEYS.get(0);
    Crypt4ghPrivateKey bob = KEYS.get(1);
    Crypt4ghPrivateKey carol = KEYS.get(2);
    ByteArrayOutputStream re = new ByteArrayOutputStream();
    HeaderOperations.reencrypt(
        Channels.newChannel(new java.io.ByteArrayInputStream(TWO_RECIPIENT_FILE)), TestChannels.sink(re), owner, List.of(bob.publicKey()),
        ReencryptOptions.defaults().withTrim(trim));
    byte[] reFile = re.toByteArray();
    assertArrayEquals(FIXED_PLAIN, TestChannels.readAll(Crypt4ghDecryptor.builder().privateKey(bob).build().newDecryptingChannel(TestChannels.seekable(reFile, 9999)), 4096));
    Crypt4ghDecryptor ownerDec = Crypt4ghDecryptor.builder().privateKey(owner).build();
    Crypt4ghDecryptor carolDec = Crypt4ghDecryptor.builder().privateKey(carol).build();
    // the packets the owner opened now belong to bob only
    assertThrows(NoDataKeyException.class, () -> ownerDec.newDecryptingChannel(TestChannels.seekable(reFile, 9999)));
    if (trim) {
      assertThrows(NoDataKeyException.class, () -> carolDec.newDecryptingChannel(TestChannels.seekable(reFile, 9999)));
    } else {
      assertArrayEquals(FIXED_PLAIN, TestChannels.readAll(carolDec.newDecryptingChannel(TestChannels.seekable(reFile, 9999)), 4096), "kept packet");
    }
    // the data section is untouched
    long oldHeader = 16 + 2 * 108;
    long newHeader = reFile.length - (TWO_RECIPIENT_FILE.length - oldHeader);
    assertEquals(16 + (trim ? 1 : 2) * 108, newHeader);
    assertArrayEquals(
        Arrays.copyOfRange(TWO_RECIPIENT_FILE, (int) oldHeader, TWO_RECIPIENT_FILE.length), Arrays.copyOfRange(reFile, (int) newHeader, reFile.length));

    ByteArrayOutputStream ra = new ByteArrayOutputStream();
    HeaderOperations.rearrange(
        Channels.newChannel(new java.io.ByteArrayInputStream(FIXED_FILE)), TestChannels.sink(ra), owner, start, end, List.of(owner.publicKey()),
        ReencryptOptions.defaults());
    byte[] raFile = ra.toByteArray();
    byte[] slice = Arrays.copyOfRange(FIXED_PLAIN, start, end);
    assertArrayEquals(slice, TestChannels.readAll(ownerDec.newDecryptingChannel(TestChannels.seekable(raFile, 9999)), 4096), "stream");
    try (SeekableByteChannel ch = ownerDec.newSeekableDecryptingChannel(TestChannels.seekable(raFile, 9999))) {
      assertEquals(slice.length, ch.size());
      assertArrayEquals(slice, TestChannels.readAll(ch, 3000), "seekable");
    }
    long touched = start == end ? 0 : (end - 1) / S - start / S + 1;
    assertTrue(raFile.length <= 216 + touched * SegmentLayout.CIPHER_SEGMENT_SIZE, "only the segments the range touches are kept");
  }

  @Property(tries = 20)
  void parallelAndSequentialOutputsDecryptToTheSamePlaintext(@ForAll("sizes") int size, @ForAll @IntRange(min = 2, max = 4) int threads)
      throws IOException {
    byte[] plain = TestChannels.plaintext(size, size);
    byte[] seq = TestChannels.encrypt(encryptorFor(1, 1), plain);
    byte[] par = TestChannels.encrypt(encryptorFor(1, threads), plain);
    assertEquals(seq.length, par.length, "same layout");
    Crypt4ghDecryptor parDec = Crypt4ghDecryptor.builder().privateKey(KEYS.get(0)).parallelism(threads).build();
    Crypt4ghDecryptor seqDec = Crypt4ghDecryptor.builder().privateKey(KEYS.get(0)).build();
    assertArrayEquals(plain, TestChannels.readAll(parDec.newDecryptingChannel(TestChannels.seekable(seq, 5000)), 100_000));
    assertArrayEquals(plain, TestChannels.readAll(seqDec.newDecryptingChannel(TestChannels.seekable(par, 5000)), 100_000));
  }

  @Property(tries = 10)
  void flushNeverWritesAShortMiddleSegment(@ForAll @IntRange(min = 1, max = 200_000) int firstChunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] plain = TestChannels.plaintext(firstChunk + 5000, firstChunk);
    Crypt4ghEncryptor enc = encryptorFor(1, 1);
    try (java.io.OutputStream os = enc.newEncryptingStream(out)) {
      os.write(plain, 0, firstChunk);
      os.flush();
      long body = out.size() - 124L;
      assertEquals(0, Math.max(0, body) % SegmentLayout.CIPHER_SEGMENT_SIZE, "only whole segments before close");
      os.write(plain, firstChunk, 5000);
    }
    assertEquals(enc.encryptedSize(plain.length), out.size());
    assertArrayEquals(plain, TestChannels.readAll(Crypt4ghDecryptor.builder().privateKey(KEYS.get(0)).build().newDecryptingChannel(TestChannels.seekable(out.toByteArray(), 9999)), 8192));
  }

}
