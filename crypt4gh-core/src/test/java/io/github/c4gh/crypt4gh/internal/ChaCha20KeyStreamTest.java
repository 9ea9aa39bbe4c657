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
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both ChaCha20 keystream sources, the lane-sliced {@link ChaCha20Lanes} and the JCA-backed
 * {@link JcaChaCha20}: RFC 8439 sections 2.3.2 and 2.4.2 and appendices A.1, A.2 and A.4, then
 * differential checks against Bouncy Castle's {@code ChaCha7539Engine} across the lane and chunk
 * boundaries up to the last block of a 64 KiB segment (blocks 0 to 1024), split calls, in-place and
 * overlapping buffers, and the counter and partial-block limits.
 */
class ChaCha20KeyStreamTest {
  private static final HexFormat HEX = HexFormat.of();

  static ChaCha20KeyStream source(String name) throws Exception {
    switch (name) {
      case "lanes":
        return new ChaCha20Lanes();
      case "jca":
        return JcaChaCha20.create();
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private static byte[] xor(String source, byte[] key, byte[] nonce, int counter, byte[] in) throws Exception {
    ChaCha20KeyStream ks = source(source);
    ks.start(new SymmetricKey(key), nonce, 0, counter, false);
    byte[] out = new byte[in.length];
    ks.xor(in, 0, in.length, out, 0);
    ks.finish();
    return out;
  }

  private static byte[] bouncyCastle(byte[] key, byte[] nonce, int counter, byte[] in) {
    ChaCha7539Engine engine = new ChaCha7539Engine();
    engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
    engine.skip(64L * counter);
    byte[] out = new byte[in.length];
    engine.processBytes(in, 0, in.length, out, 0);
    return out;
  }

  private static byte[] seq(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  static Stream<Arguments> knownAnswers() {
    byte[] zero32 = new byte[32];
    byte[] one = new byte[32];
    one[31] = 1;
    byte[] ff = new byte[32];
    ff[1] = (byte) 0xff;
    byte[] k1c = HEX.parseHex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0");
    byte[] zeroNonce = new byte[12];
    byte[] nonce2 = HEX.parseHex("000000000000000000000002");
    byte[] sunscreen = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.")
        .getBytes(StandardCharsets.US_ASCII);
    Stream.Builder<Arguments> s = Stream.builder();
    for (String src : new String[] {"lanes", "jca"}) {
      s.add(Arguments.of(src, "2.3.2 block", seq(32), HEX.parseHex("000000090000004a00000000"), 1, new byte[64],
          "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4ed28264460"
              + "79faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"));
      s.add(Arguments.of(src, "2.4.2 encryption", seq(32), HEX.parseHex("000000000000004a00000000"), 1, sunscreen,
          "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
              + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8eedf2785e42874d"));
      s.add(Arguments.of(src, "A.1 #1", zero32, zeroNonce, 0, new byte[64],
          "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"));
      s.add(Arguments.of(src, "A.1 #2", zero32, zeroNonce, 1, new byte[64],
          "9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"));
      s.add(Arguments.of(src, "A.1 #3", one, zeroNonce, 1, new byte[64],
          "3aeb5224ecf849929b9d828db1ced4dd832025e8018b8160b82284f3c949aa5a8eca00bbb4a73bdad192b5c42f73f2fd4e273644c8b36125a64addeb006c13a0"));
      s.add(Arguments.of(src, "A.1 #4", ff, zeroNonce, 2, new byte[64],
          "72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096"));
      s.add(Arguments.of(src, "A.1 #5", zero32, nonce2, 0, new byte[64],
          "c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c78a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d"));
      s.add(Arguments.of(src, "A.2 #2", one, nonce2, 1, Poly1305Test.IETF_TEXT.getBytes(StandardCharsets.US_ASCII),
          "a3fbf07df3fa2fde4f376ca23e82737041605d9f4f4f57bd8cff2c1d4b7955ec2a97948bd3722915c8f3d337f7d370050e9e96d647b7c39f56e031ca5eb6250d"
              + "4042e02785ececfa4b4bb5e8ead0440e20b6e8db09d881a7c6132f420e52795042bdfa7773d8a9051447b3291ce1411c680465552aa6c405b7764d5e87bea85a"
              + "d00f8449ed8f72d0d662ab052691ca66424bc86d2df80ea41f43abf937d3259dc4b2d0dfb48a6c9139ddd7f76966e928e635553ba76c5c879d7b35d49eb2e62b"
              + "0871cdac638939e25e8a1e0ef9d5280fa8ca328b351c3c765989cbcf3daa8b6ccc3aaf9f3979c92b3720fc88dc95ed84a1be059c6499b9fda236e7e818b04b0b"
              + "c39c1e876b193bfe5569753f88128cc08aaa9b63d1a16f80ef2554d7189c411f5869ca52c5b83fa36ff216b9c1d30062bebcfd2dc5bce0911934fda79a86f6e6"
              + "98ced759c3ff9b6477338f3da4f9cd8514ea9982ccafb341b2384dd902f3d1ab7ac61dd29c6f21ba5b862f3730e37cfdc4fd806c22f221"));
      s.add(Arguments.of(src, "A.2 #3", k1c, nonce2, 42, Poly1305Test.JABBERWOCKY.getBytes(StandardCharsets.US_ASCII),
          "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
              + "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f7704c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1"));
      // A.4: the Poly1305 one-time key is the first 32 bytes of block 0
      s.add(Arguments.of(src, "A.4 #1", zero32, zeroNonce, 0, new byte[32],
          "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"));
      s.add(Arguments.of(src, "A.4 #2", one, nonce2, 0, new byte[32],
          "ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739"));
      s.add(Arguments.of(src, "A.4 #3", k1c, nonce2, 0, new byte[32],
          "965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae"));
    }
    return s.build();
  }

  @ParameterizedTest(name = "{0}: RFC 8439 {1}")
  @MethodSource("knownAnswers")
  void matchesRfc8439(String source, String name, byte[] key, byte[] nonce, int counter, byte[] plain, String expected) throws Exception {
    assertEquals(expected, HEX.formatHex(xor(source, key, nonce, counter, plain)));
  }

  /** RFC 8439 2.4.2 again, this time through the lane loops: the same text eight times over (15 blocks). */
  @ParameterizedTest
  @ValueSource(strings = {"lanes", "jca"})
  void lanesAgreeWithTheScalarBlockOnRepeatedText(String source) throws Exception {
    byte[] key = seq(32);
    byte[] nonce = HEX.parseHex("000000000000004a00000000");
    byte[] plain = new byte[8 * 114];
    new Random(5).nextBytes(plain);
    assertArrayEquals(bouncyCastle(key, nonce, 1, plain), xor(source, key, nonce, 1, plain));
  }

  /** Every length around the block, lane-pass and segment boundaries, from block 0 up to block 1024. */
  @ParameterizedTest
  @ValueSource(strings = {"lanes", "jca"})
  void agreesWithBouncyCastleUpToTheLastBlockOfASegment(String source) throws Exception {
    Random random = new Random(11);
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    random.nextBytes(key);
    random.nextBytes(nonce);
    int lane = ChaCha20Lanes.LANES * 64;
    for (int len : new int[] {0, 1, 63, 64, 65, 127, 128, 129, 191, 192, 193, 4095, lane - 64, lane - 1, lane, lane + 1, lane + 64,
        2 * lane - 1, 2 * lane, 65535, 65536, 65536 + 63, 65536 + 64}) {
      byte[] plain = new byte[len];
      random.nextBytes(plain);
      for (int counter : new int[] {0, 1}) {
        assertArrayEquals(bouncyCastle(key, nonce, counter, plain), xor(source, key, nonce, counter, plain),
            () -> source + " length " + len + " counter " + counter);
      }
    }
  }

  @Property(tries = 40)
  void splitCallsEqualOneCall(@ForAll @IntRange(min = 0, max = 70_000) int length, @ForAll long seed, @ForAll boolean lanes) throws Exception {
    Random random = new Random(seed);
    byte[] key = new byte[32];
    byte[] nonce = new byte[12];
    random.nextBytes(key);
    random.nextBytes(nonce);
    byte[] plain = new byte[length];
    random.nextBytes(plain);
    String src = lanes ? "lanes" : "jca";
    byte[] whole = xor(src, key, nonce, 1, plain);
    ChaCha20KeyStream ks = source(src);
    ks.start(new SymmetricKey(key), nonce, 0, 1, false);
    byte[] out = new byte[length];
    int pos = 0;
    while (pos < length) {
      int n = Math.min(length - pos, 64 * random.nextInt(700));
      if (n == 0) {
        continue;
      }
      ks.xor(plain, pos, n, out, pos);
      pos += n;
    }
    ks.finish();
    assertArrayEquals(whole, out);
  }

  @Property(tries = 30)
  void inPlaceAndOverlappingBuffersGiveTheSameResult(
      @ForAll @IntRange(min = 0, max = 20_000) int length, @ForAll @IntRange(min = -70, max = 70) int shift, @ForAll @Size(32) byte[] key,
      @ForAll boolean lanes) throws Exception {
    String src = lanes ? "lanes" : "jca";
    byte[] nonce = new byte[12];
    byte[] plain = new byte[length];
    new Random(length).nextBytes(plain);
    byte[] expected = xor(src, key, nonce, 7, plain);
    int base = 80;
    byte[] buf = new byte[length + 2 * base];
    System.arraycopy(plain, 0, buf, base, length);
    ChaCha20KeyStream ks = source(src);
    ks.start(new SymmetricKey(key), nonce, 0, 7, false);
    ks.xor(buf, base, length, buf, base + shift);
    ks.finish();
    assertArrayEquals(expected, Arrays.copyOfRange(buf, base + shift, base + shift + length), () -> "shift " + shift);
  }

  /** The last blocks before the 32-bit counter would wrap are produced; one more is refused. */
  @ParameterizedTest
  @ValueSource(strings = {"lanes", "jca"})
  void theCounterNeverWraps(String source) throws Exception {
    byte[] key = seq(32);
    byte[] nonce = HEX.parseHex("000000090000004a00000000");
    for (int blocks : new int[] {1, 3}) { // the scalar path and the lane loops
      ChaCha20KeyStream ks = source(source);
      ks.start(new SymmetricKey(key), nonce, 0, -blocks, false); // ends with block 2^32 - 1, the last there is
      byte[] out = new byte[64 * blocks];
      ks.xor(new byte[out.length], 0, out.length, out, 0);
      assertArrayEquals(sunJce(key, nonce, -blocks, out.length), out);
      assertThrows(IllegalStateException.class, () -> ks.xor(new byte[1], 0, 1, new byte[1], 0));
      ks.finish();
      ChaCha20KeyStream ks2 = source(source);
      ks2.start(new SymmetricKey(key), nonce, 0, -blocks, false);
      int tooMany = 64 * blocks + 1;
      assertThrows(IllegalStateException.class, () -> ks2.xor(new byte[tooMany], 0, tooMany, new byte[tooMany], 0));
    }
  }

  /** SunJCE's own ChaCha20 keystream (Bouncy Castle refuses to produce the very last block). */
  private static byte[] sunJce(byte[] key, byte[] nonce, int counter, int len) throws Exception {
    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("ChaCha20");
    c.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(key, "ChaCha20"),
        new javax.crypto.spec.ChaCha20ParameterSpec(nonce, counter));
    return c.update(new byte[len]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"lanes", "jca"})
  void aPartialBlockEndsTheKeystream(String source) throws Exception {
    ChaCha20KeyStream ks = source(source);
    ks.start(new SymmetricKey(new byte[32]), new byte[12], 0, 1, false);
    ks.xor(new byte[100], 0, 100, new byte[100], 0);
    assertThrows(IllegalStateException.class, () -> ks.xor(new byte[64], 0, 64, new byte[64], 0));
    ks.finish();
    assertThrows(IllegalStateException.class, () -> ks.xor(new byte[64], 0, 64, new byte[64], 0));
  }

  @Test
  void lanesFinishWipesTheKeystreamRows() throws Exception {
    ChaCha20Lanes ks = new ChaCha20Lanes();
    ks.start(new SymmetricKey(seq(32)), new byte[12], 0, 1, false);
    byte[] big = new byte[20 * 64];
    ks.xor(big, 0, big.length, big, 0);
    ks.finish();
    for (String name : new String[] {"x0", "x5", "x12", "x15"}) {
      java.lang.reflect.Field f = ChaCha20Lanes.class.getDeclaredField(name);
      f.setAccessible(true);
      int[] row = (int[]) f.get(ks);
      for (int v : row) {
        assertEquals(0, v, name);
      }
    }
  }
}
