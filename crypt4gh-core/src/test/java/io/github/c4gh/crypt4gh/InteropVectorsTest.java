package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every row of the Python reference's manifest: {@code ok} rows decrypt to exactly the expected
 * plaintext (size and SHA-256) through both the streaming and the seekable channel; {@code fail}
 * rows raise the right exception type and release no plaintext that did not authenticate.
 */
class InteropVectorsTest {

  @TestFactory
  Stream<DynamicTest> everyManifestRow() {
    return Vectors.tsv("MANIFEST.tsv").stream().map(row -> DynamicTest.dynamicTest(row.get("case") + " (" + row.get("feature") + ")", () -> check(row)));
  }

  private void check(Map<String, String> row) throws Exception {
    boolean ok = "ok".equals(row.get("expect"));
    Crypt4ghPrivateKey key;
    try {
      key = Vectors.secretKey(row.get("sk"), row.get("passphrase"));
    } catch (WrongPassphraseException e) {
      assertEquals("neg:wrong-passphrase", row.get("feature"), "only the wrong-passphrase row may fail to unlock its key");
      return;
    }
    Crypt4ghDecryptor.Builder b = Crypt4ghDecryptor.builder().privateKey(key);
    if (!"-".equals(row.get("sender_pk"))) {
      b.expectedSender(Vectors.publicKey(row.get("sender_pk")));
    }
    Crypt4ghDecryptor decryptor = b.build();
    if (ok) {
      byte[] streamed = decryptStream(decryptor, row.get("file"), new ByteArrayOutputStream());
      assertEquals(Long.parseLong(row.get("plain_size")), streamed.length, "plaintext size");
      assertEquals(row.get("plain_sha256"), Vectors.sha256(streamed), "plaintext SHA-256 (stream)");
      byte[] seekable = decryptSeekable(decryptor, row.get("file"));
      assertArrayEquals(streamed, seekable, "seekable channel gives the same plaintext");
    } else {
      Class<? extends Exception> expected = expectedFailure(row.get("feature"));
      ByteArrayOutputStream released = new ByteArrayOutputStream();
      Exception e = assertThrows(expected, () -> decryptStream(decryptor, row.get("file"), released));
      assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "the error says what went wrong");
      if (e instanceof SegmentAuthenticationException) {
        long bad = ((SegmentAuthenticationException) e).segmentIndex();
        assertEquals(1, bad, "the tampered byte is in segment 1");
        // only segment 0, which authenticated, may have been released, and it must be genuine
        byte[] base = decryptStream(decryptor, "enc/base.alice.c4gh", new ByteArrayOutputStream());
        assertTrue(released.size() <= bad * SegmentLayout.SEGMENT_SIZE);
        assertArrayEquals(Arrays.copyOf(base, released.size()), released.toByteArray());
        assertThrows(SegmentAuthenticationException.class, () -> decryptSeekable(decryptor, row.get("file")));
      } else {
        assertEquals(0, released.size(), "no plaintext before a header failure");
      }
    }
  }

  private static Class<? extends Exception> expectedFailure(String feature) {
    switch (feature) {
      case "sender:mismatch":
        return SenderMismatchException.class;
      case "neg:tampered-segment":
        return SegmentAuthenticationException.class;
      case "neg:magic":
        return Crypt4ghFormatException.class;
      default:
        // not a recipient, trimmed packet, tampered header packet
        return NoDataKeyException.class;
    }
  }

  static byte[] decryptStream(Crypt4ghDecryptor d, String file, ByteArrayOutputStream out) throws IOException {
    try (InputStream in = d.newDecryptingStream(Files.newInputStream(Vectors.file(file)))) {
      byte[] buf = new byte[10_000];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  static byte[] decryptSeekable(Crypt4ghDecryptor d, String file) throws IOException {
    try (SeekableByteChannel ch = d.newSeekableDecryptingChannel(Files.newByteChannel(Vectors.file(file), StandardOpenOption.READ))) {
      ByteBuffer all = ByteBuffer.allocate((int) ch.size());
      while (all.hasRemaining() && ch.read(all) >= 0) {
        // read all
      }
      assertEquals(-1, ch.read(ByteBuffer.allocate(1)), "EOF after size() bytes");
      return all.array();
    }
  }

  @Test
  void wrongPassphraseIsItsOwnError() {
    assertThrows(WrongPassphraseException.class, () -> Vectors.secretKey("keys/alice.sec", "not-H8koGN3lzkke"));
  }

  @Test
  void editListVectorsAreReadThroughTheSeekableChannelAtAnyOffset() throws Exception {
    Crypt4ghDecryptor d = Crypt4ghDecryptor.builder().privateKey(Vectors.alice()).build();
    byte[] base = decryptStream(d, "enc/base.alice.c4gh", new ByteArrayOutputStream());
    // editlist-odd: [1000,5000,70000,100,100000] -> keep [1000,6000) and [76000,76100) ... then to EOF after skip 100000
    byte[] expected = concat(
        Arrays.copyOfRange(base, 1000, 6000), Arrays.copyOfRange(base, 76000, 76100), Arrays.copyOfRange(base, 176100, base.length));
    byte[] streamed = decryptStream(d, "enc/editlist-odd.alice.c4gh", new ByteArrayOutputStream());
    assertArrayEquals(expected, streamed);
    try (SeekableByteChannel ch = d.newSeekableDecryptingChannel(Files.newByteChannel(Vectors.file("enc/editlist-odd.alice.c4gh")))) {
      assertEquals(expected.length, ch.size());
      for (long pos : new long[] {0, 4999, 5000, 5099, 5100, expected.length - 1}) {
        ByteBuffer one = ByteBuffer.allocate(3);
        ch.position(pos).read(one);
        int n = one.position();
        assertArrayEquals(Arrays.copyOfRange(expected, (int) pos, (int) pos + n), Arrays.copyOf(one.array(), n), "at " + pos);
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }
}
