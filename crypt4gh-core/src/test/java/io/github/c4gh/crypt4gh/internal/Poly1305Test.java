package io.github.c4gh.crypt4gh.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java {@link Poly1305}: RFC 8439 section 2.5.2 and every appendix A.3 vector (5 to 11 are the
 * carry and final-reduction edge cases), each also checked against Bouncy Castle; a differential
 * property against Bouncy Castle over random keys, messages and ways of splitting them; and the
 * instance's reuse and wiping.
 */
class Poly1305Test {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8439 A.2 test vector 2 and A.3 vectors 2 and 3: 375 bytes. */
  static final String IETF_TEXT =
      "Any submission to the IETF intended by the Contributor for publication as all or part of an IETF Internet-Draft or RFC and"
          + " any statement made within the context of an IETF activity is considered an \"IETF Contribution\". Such statements"
          + " include oral statements in IETF sessions, as well as written and electronic communications made at any time or place,"
          + " which are addressed to";

  /** RFC 8439 A.2 test vector 3 and A.3 vector 4: 127 bytes. */
  static final String JABBERWOCKY =
      "'Twas brillig, and the slithy toves\nDid gyre and gimble in the wabe:\nAll mimsy were the borogoves,\nAnd the mome raths outgrabe.";

  static byte[] tag(Poly1305 mac, byte[] key, byte[] msg) {
    mac.init(key, 0);
    mac.update(msg, 0, msg.length);
    byte[] tag = new byte[16];
    mac.finish(tag, 0);
    return tag;
  }

  static byte[] bouncyCastleTag(byte[] key, byte[] msg) {
    org.bouncycastle.crypto.macs.Poly1305 bc = new org.bouncycastle.crypto.macs.Poly1305();
    bc.init(new KeyParameter(key));
    bc.update(msg, 0, msg.length);
    byte[] tag = new byte[16];
    bc.doFinal(tag, 0);
    return tag;
  }

  @Test
  void texts() {
    assertEquals(375, IETF_TEXT.length());
    assertEquals(127, JABBERWOCKY.length());
  }

  @Test
  void matchesRfc8439Section2_5_2() {
    byte[] key = HEX.parseHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b");
    byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
    assertEquals("a8061dc1305136c6c22b8baf0c0127a9", HEX.formatHex(tag(new Poly1305(), key, msg)));
  }

  static Stream<Arguments> appendixA3() {
    String zero16 = "00000000000000000000000000000000";
    String ietf = HEX.formatHex(IETF_TEXT.getBytes(StandardCharsets.US_ASCII));
    return Stream.of(
        Arguments.of("#1", zero16 + zero16, "00".repeat(64), zero16),
        Arguments.of("#2 (r = 0)", zero16 + "36e5f6b5c5e06070f0efca96227a863e", ietf, "36e5f6b5c5e06070f0efca96227a863e"),
        Arguments.of("#3 (s = 0)", "36e5f6b5c5e06070f0efca96227a863e" + zero16, ietf, "f3477e7cd95417af89a6b8794c310cf0"),
        Arguments.of("#4", "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
            HEX.formatHex(JABBERWOCKY.getBytes(StandardCharsets.US_ASCII)), "4541669a7eaaee61e708dc7cbcc5eb62"),
        Arguments.of("#5 partially reduced result not fully reduced", "02" + "00".repeat(15) + zero16, "ff".repeat(16),
            "03" + "00".repeat(15)),
        Arguments.of("#6 adding s overflows 2^128", "02" + "00".repeat(15) + "ff".repeat(16), "02" + "00".repeat(15),
            "03" + "00".repeat(15)),
        Arguments.of("#7 all-ones limb with a carry from below", "01" + "00".repeat(15) + zero16,
            "ff".repeat(16) + "f0" + "ff".repeat(15) + "11" + "00".repeat(15), "05" + "00".repeat(15)),
        Arguments.of("#8 result exactly 2^130 - 5", "01" + "00".repeat(15) + zero16,
            "ff".repeat(16) + "fb" + "fe".repeat(15) + "01".repeat(16), zero16),
        Arguments.of("#9 result exactly 2^130 - 6", "02" + "00".repeat(15) + zero16, "fd" + "ff".repeat(15),
            "fa" + "ff".repeat(15)),
        Arguments.of("#10 131-bit intermediate result", "0100000000000000" + "0400000000000000" + zero16,
            "e33594d7505e43b9" + "0000000000000000" + "3394d7505e4379cd" + "0100000000000000" + zero16 + "01" + "00".repeat(15),
            "14000000000000005500000000000000"),
        Arguments.of("#11 131-bit final result", "0100000000000000" + "0400000000000000" + zero16,
            "e33594d7505e43b9" + "0000000000000000" + "3394d7505e4379cd" + "0100000000000000" + zero16,
            "13000000000000000000000000000000"));
  }

  @ParameterizedTest(name = "RFC 8439 A.3 {0}")
  @MethodSource("appendixA3")
  void matchesRfc8439AppendixA3(String name, String key, String msg, String tag) {
    byte[] k = HEX.parseHex(key);
    byte[] m = HEX.parseHex(msg);
    assertEquals(tag, HEX.formatHex(bouncyCastleTag(k, m)), "Bouncy Castle agrees with the vector");
    assertEquals(tag, HEX.formatHex(tag(new Poly1305(), k, m)));
    // and fed one byte at a time
    Poly1305 mac = new Poly1305();
    mac.init(k, 0);
    for (int i = 0; i < m.length; i++) {
      mac.update(m, i, 1);
    }
    byte[] t = new byte[16];
    mac.finish(t, 0);
    assertEquals(tag, HEX.formatHex(t));
  }

  @Property(tries = 300)
  void agreesWithBouncyCastle(
      @ForAll @Size(32) byte[] key, @ForAll @IntRange(min = 0, max = 2100) int length, @ForAll long seed, @ForAll boolean saturate) {
    Random random = new Random(seed);
    byte[] msg = new byte[length];
    if (saturate) {
      Arrays.fill(msg, (byte) 0xff); // maximal limbs: the carry chains' worst case
      Arrays.fill(key, 0, 16, (byte) 0xff);
    } else {
      random.nextBytes(msg);
    }
    byte[] expected = bouncyCastleTag(key, msg);
    Poly1305 mac = new Poly1305();
    mac.init(key, 0);
    int pos = 0;
    while (pos < length) {
      int n = Math.min(length - pos, random.nextInt(70));
      mac.update(msg, pos, n);
      pos += n;
    }
    byte[] got = new byte[16];
    mac.finish(got, 0);
    assertArrayEquals(expected, got);
  }

  @Test
  void oneInstanceServesManyMessagesWithoutCarryingState() {
    Random random = new Random(3);
    Poly1305 mac = new Poly1305();
    for (int i = 0; i < 50; i++) {
      byte[] key = new byte[32];
      random.nextBytes(key);
      byte[] msg = new byte[random.nextInt(300)];
      random.nextBytes(msg);
      if (i % 7 == 3) {
        // a message abandoned half-way (as when a keystream fails) must not leak into the next
        mac.init(key, 0);
        mac.update(msg, 0, msg.length / 2);
        mac.wipe();
      }
      assertArrayEquals(bouncyCastleTag(key, msg), tag(mac, key, msg));
    }
  }

  @Test
  void padToBlockIsZeroPaddingToSixteenBytes() {
    byte[] key = HEX.parseHex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0");
    byte[] a = "seventeen bytes!!".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "tail".getBytes(StandardCharsets.US_ASCII);
    byte[] padded = new byte[32 + b.length];
    System.arraycopy(a, 0, padded, 0, a.length);
    System.arraycopy(b, 0, padded, 32, b.length);
    Poly1305 mac = new Poly1305();
    mac.init(key, 0);
    mac.update(a, 0, a.length);
    mac.padToBlock();
    mac.padToBlock(); // on a block boundary: nothing
    mac.update(b, 0, b.length);
    byte[] t = new byte[16];
    mac.finish(t, 0);
    assertArrayEquals(bouncyCastleTag(key, padded), t);
  }

  @Test
  void refusesUseWithoutAKeyAndAfterFinish() {
    Poly1305 mac = new Poly1305();
    byte[] out = new byte[16];
    assertThrows(IllegalStateException.class, () -> mac.update(new byte[1], 0, 1));
    mac.init(new byte[32], 0);
    mac.finish(out, 0);
    assertThrows(IllegalStateException.class, () -> mac.finish(out, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> mac.init(new byte[31], 0));
  }
}
