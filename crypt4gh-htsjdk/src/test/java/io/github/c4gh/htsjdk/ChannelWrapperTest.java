package io.github.c4gh.htsjdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import htsjdk.samtools.seekablestream.SeekableStream;
import io.github.c4gh.crypt4gh.Crypt4ghEncryptor;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.DataEditList;
import io.github.c4gh.crypt4gh.NoDataKeyException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The channel wrapper: decrypts Crypt4GH by its magic bytes and passes anything else through. */
class ChannelWrapperTest {
  private static final Crypt4ghPrivateKey KEY = Crypt4ghPrivateKey.generate();
  private static final Function<SeekableByteChannel, SeekableByteChannel> WRAPPER = Crypt4ghHtsjdk.channelWrapper(KEY);

  static byte[] encrypt(byte[] plain, Crypt4ghPrivateKey recipient, DataEditList editList) throws IOException {
    Crypt4ghEncryptor.Builder b = Crypt4ghEncryptor.builder().recipient(recipient.publicKey());
    if (editList != null) {
      b.editList(editList);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream enc = b.build().newEncryptingStream(out)) {
      enc.write(plain);
    }
    return out.toByteArray();
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  @Test
  void aPlainChannelPassesThroughAtItsPosition() throws IOException {
    MemoryChannel plain = new MemoryChannel("not encrypted at all".getBytes(StandardCharsets.US_ASCII));
    plain.position(4);
    SeekableByteChannel out = WRAPPER.apply(plain);
    assertSame(plain, out);
    assertEquals(4, out.position());
    assertFalse(Crypt4ghHtsjdk.isCrypt4gh(plain));
    assertEquals(4, plain.position());
  }

  @Test
  void shortAndEmptyChannelsPassThrough() throws IOException {
    for (String s : new String[] {"", "c", "crypt4g"}) {
      MemoryChannel ch = new MemoryChannel(s.getBytes(StandardCharsets.US_ASCII));
      assertSame(ch, WRAPPER.apply(ch));
      assertEquals(0, ch.position());
    }
  }

  @Test
  void aCrypt4ghChannelIsDecryptedWithRandomAccess() throws IOException {
    byte[] plain = random(3 * 65_536 + 1234, 1);
    MemoryChannel cipher = new MemoryChannel(encrypt(plain, KEY, null));
    cipher.position(17);
    assertTrue(Crypt4ghHtsjdk.isCrypt4gh(cipher));
    assertEquals(17, cipher.position(), "the peek restores the position");
    SeekableByteChannel out = WRAPPER.apply(cipher);
    assertNotSame(cipher, out);
    assertEquals(plain.length, out.size());
    assertEquals(0, out.position());
    Random rnd = new Random(2);
    for (int i = 0; i < 100; i++) {
      int pos = rnd.nextInt(plain.length);
      int len = Math.min(plain.length - pos, 1 + rnd.nextInt(100_000));
      ByteBuffer buf = ByteBuffer.allocate(len);
      out.position(pos);
      while (buf.hasRemaining()) {
        assertTrue(out.read(buf) > 0);
      }
      assertArrayEquals(Arrays.copyOfRange(plain, pos, pos + len), buf.array(), "at " + pos);
    }
    out.close();
    assertFalse(cipher.isOpen(), "closing the plaintext view closes the ciphertext");
  }

  @Test
  void theSizeIsThePlaintextSizeAfterTheEditList() throws IOException {
    byte[] plain = random(200_000, 3);
    // skip 1000, keep 70 000, skip 50 000, keep the rest
    byte[] cipher = encrypt(plain, KEY, DataEditList.of(1000, 70_000, 50_000));
    try (SeekableStream s = Crypt4ghHtsjdk.of(KEY).seekableStream(new MemoryChannel(cipher), "x.bin.c4gh")) {
      byte[] expected = new byte[200_000 - 1000 - 50_000];
      System.arraycopy(plain, 1000, expected, 0, 70_000);
      System.arraycopy(plain, 121_000, expected, 70_000, expected.length - 70_000);
      assertEquals(expected.length, s.length());
      byte[] got = new byte[expected.length];
      s.readFully(got);
      assertArrayEquals(expected, got);
      assertTrue(s.eof());
      assertEquals("x.bin", s.getSource());
    }
  }

  @Test
  void aKeyThatIsNoRecipientFailsUncheckedWithTheCauseAndClosesTheChannel() throws IOException {
    MemoryChannel cipher = new MemoryChannel(encrypt(random(1000, 4), Crypt4ghPrivateKey.generate(), null));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> WRAPPER.apply(cipher));
    assertInstanceOf(NoDataKeyException.class, e.getCause());
    assertFalse(cipher.isOpen());
  }

  @Test
  void aDamagedHeaderFailsUncheckedWithTheCause() {
    byte[] bad = "crypt4gh\u0002\0\0\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1); // version 2
    MemoryChannel ch = new MemoryChannel(bad);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> WRAPPER.apply(ch));
    assertInstanceOf(Crypt4ghFormatException.class, e.getCause());
    assertFalse(ch.isOpen());
    // the checked form throws the IOException itself
    MemoryChannel ch2 = new MemoryChannel(bad);
    assertThrows(Crypt4ghFormatException.class, () -> Crypt4ghHtsjdk.of(KEY).decryptIfCrypt4gh(ch2));
  }

  @Test
  void aTamperedSegmentFailsTheRead() throws IOException {
    byte[] cipher = encrypt(random(100_000, 5), KEY, null);
    cipher[cipher.length - 100] ^= 1; // inside the second segment
    try (SeekableStream s = Crypt4ghHtsjdk.of(KEY).seekableStream(new MemoryChannel(cipher), "x")) {
      byte[] first = new byte[65_536];
      s.readFully(first);
      assertThrows(IOException.class, () -> s.readFully(new byte[100]));
    }
  }
}
