package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305;
import io.github.c4gh.crypt4gh.internal.SymmetricKey;
import io.github.c4gh.crypt4gh.internal.X25519;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Known-answer vectors from the RFCs for the primitives under the header and segment crypto. */
class PrimitiveKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void blake2b512OfAbcMatchesRfc7693AppendixA() {
    Blake2bDigest d = new Blake2bDigest(512);
    byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
    d.update(abc, 0, abc.length);
    byte[] out = new byte[64];
    d.doFinal(out, 0);
    assertEquals(
        "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
            + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923",
        HEX.formatHex(out));
  }

  @Test
  void x25519MatchesRfc7748Section5_2() throws Exception {
    byte[] k = HEX.parseHex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4");
    byte[] u = HEX.parseHex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c");
    assertEquals("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552", HEX.formatHex(X25519.agree(k, u)));
    byte[] k2 = HEX.parseHex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d");
    byte[] u2 = HEX.parseHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493");
    assertEquals("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957", HEX.formatHex(X25519.agree(k2, u2)));
  }

  @Test
  void x25519DiffieHellmanMatchesRfc7748Section6_1() throws Exception {
    byte[] aliceSk = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    byte[] bobSk = HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", HEX.formatHex(X25519.publicFromSecret(aliceSk)));
    assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", HEX.formatHex(X25519.publicFromSecret(bobSk)));
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertEquals(shared, HEX.formatHex(X25519.agree(aliceSk, X25519.publicFromSecret(bobSk))));
    assertEquals(shared, HEX.formatHex(X25519.agree(bobSk, X25519.publicFromSecret(aliceSk))));
    Crypt4ghPrivateKey alice = Crypt4ghPrivateKey.of(aliceSk);
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", HEX.formatHex(alice.publicKey().toBytes()));
  }

  @Test
  void x25519RejectsALowOrderPeerKey() {
    byte[] sk = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    assertThrows(java.security.InvalidKeyException.class, () -> X25519.agree(sk, new byte[32]));
  }

  /** RFC 8439 section 2.8.2: the AEAD test vector ("Ladies and Gentlemen of the class of '99..."). */
  @ParameterizedTest
  @EnumSource(ChaCha20Poly1305.Backend.class)
  void chacha20Poly1305MatchesRfc8439Section2_8_2(ChaCha20Poly1305.Backend backend) throws Exception {
    byte[] plaintext =
        ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] aad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    SymmetricKey key = new SymmetricKey(HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
    byte[] nonce = HEX.parseHex("070000004041424344454647");
    String expected =
        "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def08e4b7a9de576d26586cec64b6116"
            + "1ae10b594f09e26a7e902ecbd0600691";
    ChaCha20Poly1305 aead = ChaCha20Poly1305.create(backend);
    byte[] out = new byte[plaintext.length + 16];
    assertEquals(out.length, aead.seal(key, nonce, 0, aad, plaintext, 0, plaintext.length, out, 0));
    assertEquals(expected, HEX.formatHex(out));
    byte[] back = new byte[plaintext.length];
    assertEquals(plaintext.length, aead.open(key, nonce, 0, aad, out, 0, out.length, back, 0));
    assertArrayEquals(plaintext, back);
    out[5] ^= 1;
    assertThrows(AEADBadTagException.class, () -> aead.open(key, nonce, 0, aad, out, 0, out.length, back, 0));
  }

  /** RFC 8439 appendix A.5: decryption of the Internet-Draft text with its tag. */
  @ParameterizedTest
  @EnumSource(ChaCha20Poly1305.Backend.class)
  void chacha20Poly1305DecryptsRfc8439AppendixA5(ChaCha20Poly1305.Backend backend) throws Exception {
    SymmetricKey key = new SymmetricKey(HEX.parseHex("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0"));
    byte[] nonce = HEX.parseHex("000000000102030405060708");
    byte[] aad = HEX.parseHex("f33388860000000000004e91");
    byte[] ct = HEX.parseHex(
        "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb24c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
            + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c8559797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4b9"
            + "166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523eaf4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a0b"
            + "b2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a1049e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29a6"
            + "ad5cb4022b02709b"
            + "eead9d67890cbb22392336fea1851f38");
    byte[] pt = new byte[ct.length - 16];
    ChaCha20Poly1305.create(backend).open(key, nonce, 0, aad, ct, 0, ct.length, pt, 0);
    String text = new String(pt, StandardCharsets.UTF_8);
    assertEquals(
        "Internet-Drafts are draft documents valid for a maximum of six months and may be updated, replaced, or obsoleted by other"
            + " documents at any time. It is inappropriate to use Internet-Drafts as reference material or to cite them other than as"
            + " /\u201cwork in progress./\u201d",
        text);
  }
}
