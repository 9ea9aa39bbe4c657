package io.github.c4gh.crypt4gh.internal.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The hand-written Blowfish (its constants and its key schedule) against Eric Young's published
 * test vector and against Bouncy Castle's {@link BlowfishEngine}.
 */
class BlowfishTest {
  @Test
  void ericYoungZeroKeyVector() {
    // https://www.schneier.com/wp-content/uploads/2015/12/vectors-2.txt: key 0, plaintext 0
    int[] block = encrypt(new byte[8], new int[] {0, 0});
    assertEquals("4ef997456198dd78", String.format("%08x%08x", block[0], block[1]));
  }

  @Test
  void matchesBouncyCastleForRandomKeys() {
    Random random = new Random(42);
    for (int keyLength = 4; keyLength <= 56; keyLength += 4) {
      byte[] key = new byte[keyLength];
      random.nextBytes(key);
      byte[] plain = new byte[8];
      random.nextBytes(plain);

      BlowfishEngine bc = new BlowfishEngine();
      bc.init(true, new KeyParameter(key));
      byte[] expected = new byte[8];
      bc.processBlock(plain, 0, expected, 0);

      int[] block = encrypt(key, new int[] {word(plain, 0), word(plain, 4)});
      byte[] actual = HexFormat.of().parseHex(String.format("%08x%08x", block[0], block[1]));
      assertArrayEquals(expected, actual, "key length " + keyLength);
    }
  }

  /** On a fresh state, expand0state is the standard Blowfish key schedule. */
  private static int[] encrypt(byte[] key, int[] block) {
    Blowfish blowfish = new Blowfish();
    blowfish.expand0State(key);
    blowfish.encryptBlocks(block, 1);
    return block;
  }

  private static int word(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
  }
}
