package io.github.c4gh.crypt4gh.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.SegmentAuthenticationException;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The segment pipelines of {@link EncryptingChannel} and {@link DecryptingChannel}: opening straight
 * into the caller's buffer, the parallel read-ahead, bulk nonces, and what they must keep (only
 * authenticated bytes released, the first failing segment reported, output order, no per-segment
 * allocation of our own).
 */
class SegmentPipelineTest {
  private static final int S = SegmentLayout.SEGMENT_SIZE;
  private static final int C = SegmentLayout.CIPHER_SEGMENT_SIZE;
  private static final SecureRandom RANDOM = new SecureRandom();

  private static SegmentCipher cipher(ChaCha20Poly1305.Backend backend) {
    byte[] raw = new byte[32];
    new Random(7).nextBytes(raw);
    return new SegmentCipher(List.of(new SymmetricKey(raw)), backend);
  }

  private static Parallelism pool(int threads) {
    return threads < 2 ? null : Parallelism.of(threads, null);
  }

  private static byte[] plaintext(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** The data section for {@code plain}, written in chunks of {@code chunk} bytes. */
  private static byte[] seal(SegmentCipher cipher, byte[] plain, int threads, int chunk) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WritableByteChannel ch = new EncryptingChannel(sink(out), new byte[0], cipher, RANDOM, pool(threads))) {
      for (int off = 0; off < plain.length; off += chunk) {
        ch.write(ByteBuffer.wrap(plain, off, Math.min(chunk, plain.length - off)));
      }
    }
    return out.toByteArray();
  }

  private static DecryptingChannel opener(SegmentCipher cipher, byte[] sections, int maxRead, long[] ranges, int threads) {
    return new DecryptingChannel(source(sections, maxRead), cipher, ranges, pool(threads));
  }

  /** Reads everything into {@code released}; the buffer is a slice at a non-zero array offset. */
  private static void readAll(ReadableByteChannel ch, int bufferSize, ByteArrayOutputStream released) throws IOException {
    byte[] backing = new byte[bufferSize + 7];
    ByteBuffer buf = ByteBuffer.wrap(backing, 7, bufferSize).slice();
    while (ch.read(buf) >= 0) {
      buf.flip();
      released.write(backing, 7, buf.limit());
      buf.clear();
    }
  }

  private static byte[] readAll(ReadableByteChannel ch, int bufferSize) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ch) {
      readAll(ch, bufferSize, out);
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @CsvSource({
    "JCA, 1", "JCA, 2", "JCA, 3", "BOUNCY_CASTLE, 1", "BOUNCY_CASTLE, 2", "JAVA, 1", "JAVA, 2",
    "JCA_CHACHA20_JAVA_POLY1305, 1", "JCA_CHACHA20_JAVA_POLY1305, 3",
  })
  void roundTripsAtSegmentBoundariesWithEveryBufferShape(ChaCha20Poly1305.Backend backend, int threads) throws IOException {
    SegmentCipher cipher = cipher(backend);
    for (int size : new int[] {0, 1, S - 1, S, S + 1, 3 * S, 3 * S + 5, 17 * S - 1, 30 * S + 1}) {
      byte[] plain = plaintext(size, size);
      for (int chunk : new int[] {1000, S, 3 * S + 1}) {
        byte[] sealed = seal(cipher, plain, threads, chunk);
        assertEquals(SegmentLayout.ciphertextSize(size), sealed.length);
        for (int buffer : new int[] {4096, S, S + 3, 1 << 20}) {
          for (int maxRead : new int[] {5, 20_000, 1 << 20}) {
            if (maxRead == 5 && size > 3 * S + 5) {
              continue; // slow and adds nothing
            }
            assertArrayEquals(plain, readAll(opener(cipher, sealed, maxRead, null, threads), buffer),
                () -> "size " + size + " chunk " + chunk + " buffer " + buffer + " maxRead " + maxRead);
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1, 1, true", "2, 1000, true", "2, 70000, true", "3, 1000000, true", "2, 1000, false", "3, 70000, false"})
  void aDownstreamThatTakesPartOfEachWriteGetsEverySegmentInOrder(int threads, int maxWrite, boolean gathering) throws IOException {
    SegmentCipher cipher = cipher(ChaCha20Poly1305.Backend.JCA);
    for (int size : new int[] {1, S, 9 * S + 7, 40 * S}) {
      byte[] plain = plaintext(size, size + 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Sink partial = gathering ? new GatheringSink(out, maxWrite) : new Sink(out, maxWrite);
      Parallelism pool = pool(threads);
      long batchBytes = pool == null ? S : (long) pool.segmentsPerBatch() * S;
      try (WritableByteChannel ch = new EncryptingChannel(partial, new byte[0], cipher, RANDOM, pool)) {
        ch.write(ByteBuffer.wrap(plain));
      }
      byte[] sealed = out.toByteArray();
      assertEquals(SegmentLayout.ciphertextSize(size), sealed.length);
      assertArrayEquals(plain, readAll(opener(cipher, sealed, 1 << 20, null, threads), 1 << 20), "size " + size);
      if (gathering && threads > 1) {
        assertTrue(((GatheringSink) partial).gatheringCalls >= (size + batchBytes - 1) / batchBytes, "sealed batches go out in gathering writes");
      }
    }
  }

  @Property(tries = 60)
  void aTamperedSegmentReleasesExactlyTheSegmentsBeforeItAndLeavesNoPlaintextInTheBuffer(
      @ForAll @IntRange(min = 0, max = 19 * C + 100 - 1) int index,
      @ForAll @IntRange(min = 0, max = 7) int bit,
      @ForAll @IntRange(min = 1, max = 3) int threads,
      @ForAll ChaCha20Poly1305.Backend backend,
      @ForAll boolean bigBuffer)
      throws IOException {
    SegmentCipher cipher = cipher(backend);
    byte[] plain = plaintext(19 * S + 100, 42);
    byte[] sealed = seal(cipher, plain, 1, S);
    sealed[index] ^= (byte) (1 << bit);
    long segment = index / C;
    int bufferSize = bigBuffer ? 1 << 20 : 10_000;
    byte[] backing = new byte[bufferSize];
    ByteBuffer buf = ByteBuffer.wrap(backing);
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    DecryptingChannel ch = opener(cipher, sealed, 70_000, null, threads);
    SegmentAuthenticationException e = assertThrows(SegmentAuthenticationException.class, () -> {
      while (ch.read(buf) >= 0) {
        buf.flip();
        released.write(backing, 0, buf.limit());
        buf.clear();
      }
    });
    assertEquals(segment, e.segmentIndex());
    assertEquals(segment * S, released.size(), "exactly the segments before the tampered one");
    assertArrayEquals(Arrays.copyOf(plain, released.size()), released.toByteArray());
    // what the failing read left in the caller's buffer past its position is not plaintext
    byte[] segmentPlain = Arrays.copyOfRange(plain, (int) segment * S, (int) Math.min(plain.length, segment * S + S));
    byte[] left = Arrays.copyOfRange(backing, buf.position(), buf.position() + Math.min(segmentPlain.length, buf.remaining()));
    int same = 0;
    for (int i = 0; i < left.length; i++) {
      same += left[i] == segmentPlain[i] ? 1 : 0;
    }
    assertTrue(same < 64 + left.length / 100, "unauthenticated plaintext left in the buffer: " + same + " matching bytes");
    assertThrows(IOException.class, () -> ch.read(ByteBuffer.allocate(10)), "the channel refuses to go on");
    ch.close();
  }

  @ParameterizedTest
  @CsvSource({"1", "2", "3"})
  void twoTamperedSegmentsReportTheFirst(int threads) throws IOException {
    SegmentCipher cipher = cipher(null);
    byte[] plain = plaintext(40 * S, 1);
    for (int[] pair : new int[][] {{3, 5}, {9, 20}, {17, 16}, {0, 39}}) {
      byte[] sealed = seal(cipher, plain, threads, 1 << 20);
      sealed[pair[0] * C + 100] ^= 1;
      sealed[pair[1] * C + 200] ^= 1;
      ByteArrayOutputStream released = new ByteArrayOutputStream();
      SegmentAuthenticationException e = assertThrows(SegmentAuthenticationException.class,
          () -> readAll(opener(cipher, sealed, 1 << 20, null, threads), 1 << 20, released));
      int first = Math.min(pair[0], pair[1]);
      assertEquals(first, e.segmentIndex());
      assertEquals((long) first * S, released.size());
    }
  }

  @ParameterizedTest
  @CsvSource({"1", "2", "3"})
  void aTruncatedLastSegmentFailsAfterTheSegmentsOfEarlierBatches(int threads) throws IOException {
    SegmentCipher cipher = cipher(null);
    byte[] plain = plaintext(30 * S, 3);
    byte[] sealed = Arrays.copyOf(seal(cipher, plain, 1, S), 29 * C + 20);
    ByteArrayOutputStream released = new ByteArrayOutputStream();
    assertThrows(Crypt4ghFormatException.class, () -> readAll(opener(cipher, sealed, 9999, null, threads), 1 << 20, released));
    int batch = threads < 2 ? 1 : Parallelism.of(threads, Runnable::run).segmentsPerBatch();
    assertEquals((29 / batch) * batch * (long) S, released.size(), "every whole batch before the truncated segment");
    assertArrayEquals(Arrays.copyOf(plain, released.size()), released.toByteArray());
  }

  @Property(tries = 40)
  void editListsGiveTheSameBytesSequentiallyAndInParallel(
      @ForAll @IntRange(min = 0, max = 40 * S) int a,
      @ForAll @IntRange(min = 0, max = 40 * S) int b,
      @ForAll @IntRange(min = 0, max = 40 * S) int c,
      @ForAll @IntRange(min = 2, max = 3) int threads,
      @ForAll @IntRange(min = 100, max = 1 << 20) int bufferSize)
      throws IOException {
    SegmentCipher cipher = cipher(null);
    byte[] plain = plaintext(40 * S + 10, 5);
    byte[] sealed = seal(cipher, plain, threads, 77_777);
    int[] cuts = {a, b, c};
    Arrays.sort(cuts);
    long[] ranges = {cuts[0], cuts[1], cuts[2], Long.MAX_VALUE};
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(plain, cuts[0], cuts[1] - cuts[0]);
    expected.write(plain, cuts[2], plain.length - cuts[2]);
    assertArrayEquals(expected.toByteArray(), readAll(opener(cipher, sealed, 30_000, ranges, 1), bufferSize));
    assertArrayEquals(expected.toByteArray(), readAll(opener(cipher, sealed, 30_000, ranges, threads), bufferSize));
  }

  @Test
  void nonceOfEverySegmentIsDifferent() throws IOException {
    SegmentCipher cipher = cipher(null);
    for (int threads : new int[] {1, 2}) {
      byte[] sealed = seal(cipher, new byte[200 * S], threads, S);
      java.util.Set<String> nonces = new java.util.HashSet<>();
      for (int i = 0; i < 200; i++) {
        nonces.add(java.util.HexFormat.of().formatHex(sealed, i * C, i * C + 12));
      }
      assertEquals(200, nonces.size());
    }
  }

  /**
   * Guards against per-segment copies and allocation in our own loops, in particular SunJCE's
   * offset trap (it copies the ciphertext into a growing buffer, 128 KiB per segment, unless the
   * ciphertext starts at offset 0 of its array). The allowance is far below one copy of a segment.
   */
  @Test
  void streamingAllocatesAboutWhatTheRawCipherDoesPerSegment() throws Exception {
    // through reflection: the test sources are compiled into the core's module, which does not
    // read java.management
    java.util.function.LongSupplier allocated;
    try {
      Object mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
      Assumptions.assumeTrue(hotspot.isInstance(mx));
      java.lang.reflect.Method bytes = hotspot.getMethod("getThreadAllocatedBytes", long.class);
      long self = Thread.currentThread().getId();
      Assumptions.assumeTrue((long) bytes.invoke(mx, self) >= 0);
      allocated = () -> {
        try {
          return (long) bytes.invoke(mx, self);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      };
    } catch (ClassNotFoundException e) {
      Assumptions.abort("no per-thread allocation counter on this JVM");
      return;
    }
    SegmentCipher cipher = cipher(null);
    int segments = 64;
    byte[] plain = plaintext(segments * S, 9);
    byte[] sealed = seal(cipher, plain, 1, S);
    ByteBuffer src = ByteBuffer.wrap(plain);
    ByteBuffer dst = ByteBuffer.allocate(1 << 20);
    WritableByteChannel discard = new Discard();
    ChaCha20Poly1305 raw = ChaCha20Poly1305.forCurrentThread();
    SymmetricKey key = new SymmetricKey(new byte[32]);
    byte[] nonce = new byte[12];
    byte[] out = new byte[S + 16];
    byte[] opened = new byte[S];
    long rawPerSegment = Long.MAX_VALUE;
    long encPerSegment = Long.MAX_VALUE;
    long decPerSegment = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) { // the best of a few rounds: the first ones warm up
      long t0 = allocated.getAsLong();
      for (int i = 0; i < segments; i++) {
        nonce[0] = (byte) i;
        nonce[1] = (byte) round;
        int n = raw.seal(key, nonce, 0, plain, i * S, S, out, 0);
        raw.open(key, nonce, 0, out, 0, n, opened, 0);
      }
      // the loop above seals and opens: half of it is the raw cost of one direction
      long t1 = allocated.getAsLong();
      try (EncryptingChannel ch = new EncryptingChannel(discard, new byte[0], cipher, RANDOM, null)) {
        src.clear();
        ch.write(src);
      }
      long t2 = allocated.getAsLong();
      try (DecryptingChannel ch = opener(cipher, sealed, 1 << 20, null, 1)) {
        dst.clear();
        while (ch.read(dst) >= 0) {
          dst.clear();
        }
      }
      long t3 = allocated.getAsLong();
      rawPerSegment = Math.min(rawPerSegment, (t1 - t0) / (2 * segments));
      encPerSegment = Math.min(encPerSegment, (t2 - t1) / segments);
      decPerSegment = Math.min(decPerSegment, (t3 - t2) / segments);
    }
    // the raw figure includes the provider's own allocation per init; ours may add a little per
    // channel (its buffers: amortised over 64 segments) but nothing like a segment copy
    long channelBuffers = (2L * C + 2 * S) / segments;
    String report = "raw " + rawPerSegment + " B, encrypt " + encPerSegment + " B, decrypt " + decPerSegment + " B per segment";
    assertTrue(encPerSegment < rawPerSegment * 2 + channelBuffers + 1024, report);
    assertTrue(decPerSegment < rawPerSegment * 2 + channelBuffers + 1024, report);
  }

  private static final class Discard implements WritableByteChannel {
    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      src.position(src.limit());
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  private static WritableByteChannel sink(ByteArrayOutputStream out) {
    return new Sink(out, Integer.MAX_VALUE);
  }

  /** Collects what is written into {@code out}, at most {@code maxWrite} bytes per call. */
  private static class Sink implements WritableByteChannel {
    final ByteArrayOutputStream out;
    final int maxWrite;

    Sink(ByteArrayOutputStream out, int maxWrite) {
      this.out = out;
      this.maxWrite = maxWrite;
    }

    @Override
    public int write(ByteBuffer src) {
      return take(src, maxWrite);
    }

    int take(ByteBuffer src, int max) {
      int n = Math.min(src.remaining(), max);
      byte[] b = new byte[n];
      src.get(b);
      out.writeBytes(b);
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }

  /** A {@link Sink} that also takes gathering writes (at most {@code maxWrite} bytes per call in all), and counts them. */
  private static final class GatheringSink extends Sink implements GatheringByteChannel {
    int gatheringCalls;

    GatheringSink(ByteArrayOutputStream out, int maxWrite) {
      super(out, maxWrite);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      gatheringCalls++;
      long n = 0;
      for (int i = offset; i < offset + length && n < maxWrite; i++) {
        n += take(srcs[i], (int) (maxWrite - n));
      }
      return n;
    }

    @Override
    public long write(ByteBuffer[] srcs) {
      return write(srcs, 0, srcs.length);
    }
  }

  /** A channel over {@code data} whose reads return at most {@code maxRead} bytes. */
  private static ReadableByteChannel source(byte[] data, int maxRead) {
    return new ReadableByteChannel() {
      int pos;

      @Override
      public int read(ByteBuffer dst) {
        if (pos >= data.length) {
          return -1;
        }
        int n = Math.min(Math.min(dst.remaining(), maxRead), data.length - pos);
        dst.put(data, pos, n);
        pos += n;
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
  }
}
