package io.github.c4gh.crypt4gh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header parsing and writing rules: bounds, packet types, edit lists, sender checks, detached headers. */
class HeaderTest {
  private final SecureRandom random = new SecureRandom();
  private final Crypt4ghPrivateKey reader = Crypt4ghPrivateKey.generate();
  private final DataEncryptionParameters params = DataEncryptionParameters.generate(random);

  private static byte[] prefix(int count) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    b.put("crypt4gh".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(1).putInt(count);
    return b.array();
  }

  @Test
  void oneRecipientHeaderIs124BytesAndWithAnEditList216() {
    assertEquals(124, Header.encrypt(List.of(reader.publicKey()), List.of(params), null, null, random).encodedLength());
    assertEquals(216, Header.encrypt(List.of(reader.publicKey()), List.of(params), DataEditList.of(1, 2), null, random).encodedLength());
  }

  @Test
  void packetCountAndLengthAreBoundedBeforeAllocation() {
    assertThrows(Crypt4ghFormatException.class, () -> Header.parse(prefix(Header.MAX_PACKETS + 1)));
    byte[] huge = Arrays.copyOf(prefix(1), 20);
    ByteBuffer.wrap(huge, 16, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fff_ffff);
    Crypt4ghFormatException e = assertThrows(Crypt4ghFormatException.class, () -> Header.parse(huge));
    assertTrue(e.getMessage().contains("declares"), e.getMessage());
    byte[] truncated = Arrays.copyOf(prefix(1), 20);
    ByteBuffer.wrap(truncated, 16, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(108);
    assertThrows(Crypt4ghFormatException.class, () -> Header.parse(truncated));
    assertThrows(Crypt4ghFormatException.class, () -> Header.parse(new byte[0]));
    byte[] v2 = prefix(0);
    v2[8] = 2;
    assertThrows(Crypt4ghFormatException.class, () -> Header.parse(v2));
  }

  @Test
  void moreThanOneEditListForTheKeyIsRejected() throws Exception {
    Header h = Header.encryptPayloads(
        List.of(reader.publicKey()), List.of(dataKeyPayload(), editListPayload(1, 2), editListPayload(3, 4)), null, random, List.of());
    Crypt4ghFormatException e = assertThrows(Crypt4ghFormatException.class, () -> h.decrypt(reader));
    assertTrue(e.getMessage().contains("more than one edit list"));
  }

  @Test
  void unknownPacketTypeIsRejectedButUnknownMethodAndForeignPacketsAreSkipped() throws Exception {
    ByteBuffer weird = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(0).putInt(0);
    Header bad = Header.encryptPayloads(List.of(reader.publicKey()), List.of(dataKeyPayload(), weird.array()), null, random, List.of());
    assertThrows(Crypt4ghFormatException.class, () -> bad.decrypt(reader));

    byte[] unknownMethod = new byte[60];
    ByteBuffer.wrap(unknownMethod).order(ByteOrder.LITTLE_ENDIAN).putInt(60).putInt(99);
    HeaderPacket foreign = Header.encrypt(List.of(Crypt4ghPrivateKey.generate().publicKey()), List.of(params), null, null, random).packets().get(0);
    Header h = Header.encryptPayloads(
        List.of(reader.publicKey()), List.of(dataKeyPayload()), null, random, List.of(HeaderPacket.fromEncoded(unknownMethod), foreign));
    DecryptedHeader plain = h.decrypt(reader);
    assertEquals(List.of(0), plain.openedPacketIndices());
    assertEquals(params, plain.dataKeys().get(0));
    assertEquals(h, Header.parse(h.encoded()), "unknown packets survive a write and read");
  }

  @Test
  void paddingInsideAPayloadIsAccepted() throws Exception {
    byte[] padded = Arrays.copyOf(dataKeyPayload(), 40 + 25);
    Header h = Header.encryptPayloads(List.of(reader.publicKey()), List.of(padded), null, random, List.of());
    assertEquals(params, h.decrypt(reader).dataKeys().get(0));
  }

  @Test
  void severalDataKeysAreTriedOnEachSegment() throws Exception {
    DataEncryptionParameters other = DataEncryptionParameters.generate(random);
    byte[] plain = TestChannels.plaintext(150_000, 3);
    byte[] file = TestChannels.encrypt(Crypt4ghEncryptor.builder().recipient(reader.publicKey()).build(), plain);
    Header original = Header.read(TestChannels.seekable(file, 1 << 20));
    DataEncryptionParameters real = original.decrypt(reader).dataKeys().get(0);
    Header twoKeys = Header.encrypt(List.of(reader.publicKey()), List.of(other, real), null, null, random);
    byte[] body = Arrays.copyOfRange(file, (int) original.encodedLength(), file.length);
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(reader).build().newSeekableDecryptingChannel(twoKeys, TestChannels.seekable(body, 1 << 20))) {
      assertArrayEquals(plain, TestChannels.readAll(ch, 10_000), "detached header with two data keys");
    }
  }

  @Test
  void theSenderCheckAcceptsTheWriterAndRejectsOthers() throws Exception {
    Crypt4ghPrivateKey sender = Crypt4ghPrivateKey.generate();
    Header h = Header.encrypt(List.of(reader.publicKey()), List.of(params), null, sender, random);
    assertEquals(List.of(sender.publicKey()), h.decrypt(reader, sender.publicKey()).writerPublicKeys());
    assertThrows(SenderMismatchException.class, () -> h.decrypt(reader, Crypt4ghPrivateKey.generate().publicKey()));
  }

  @Test
  void anEmptyFinalSegmentIsReadButNeverWritten() throws Exception {
    byte[] plain = TestChannels.plaintext(65_536, 9);
    Crypt4ghEncryptor enc = Crypt4ghEncryptor.builder().recipient(reader.publicKey()).build();
    byte[] file = TestChannels.encrypt(enc, plain);
    assertEquals(124 + 65_564, file.length, "no empty segment after a full one");
    assertEquals(124, TestChannels.encrypt(enc, new byte[0]).length, "an empty plaintext is a header alone");
    // append an empty segment as other writers do: nonce || tag over no plaintext
    Header header = Header.read(TestChannels.seekable(file, 1 << 20));
    DataEncryptionParameters key = header.decrypt(reader).dataKeys().get(0);
    io.github.c4gh.crypt4gh.internal.SegmentCipher cipher =
        new io.github.c4gh.crypt4gh.internal.SegmentCipher(List.of(new io.github.c4gh.crypt4gh.internal.SymmetricKey(key.exportDataKey())));
    byte[] empty = new byte[28];
    random.nextBytes(empty);
    // seal of zero bytes is not allowed through seal(); build it with the AEAD directly
    io.github.c4gh.crypt4gh.internal.ChaCha20Poly1305.forCurrentThread().seal(
        new io.github.c4gh.crypt4gh.internal.SymmetricKey(key.exportDataKey()), empty, 0, new byte[0], 0, 0, empty, 12);
    ByteArrayOutputStream withEmpty = new ByteArrayOutputStream();
    withEmpty.writeBytes(file);
    withEmpty.writeBytes(empty);
    byte[] f2 = withEmpty.toByteArray();
    Crypt4ghDecryptor dec = Crypt4ghDecryptor.builder().privateKey(reader).build();
    assertArrayEquals(plain, TestChannels.readAll(dec.newDecryptingChannel(TestChannels.seekable(f2, 1 << 20)), 4096));
    try (SeekableByteChannel ch = dec.newSeekableDecryptingChannel(TestChannels.seekable(f2, 1 << 20))) {
      assertEquals(plain.length, ch.size());
      assertArrayEquals(plain, TestChannels.readAll(ch, 4096));
    }
    assertEquals(0, cipher.open(1, empty, 0, 28, new byte[0], 0));
  }

  @Test
  void aTruncatedFinalSegmentIsAFormatError() throws Exception {
    byte[] file = TestChannels.encrypt(Crypt4ghEncryptor.builder().recipient(reader.publicKey()).build(), TestChannels.plaintext(70_000, 1));
    byte[] cut = Arrays.copyOf(file, 124 + 65_564 + 20);
    Crypt4ghDecryptor dec = Crypt4ghDecryptor.builder().privateKey(reader).build();
    assertThrows(Crypt4ghFormatException.class, () -> dec.newSeekableDecryptingChannel(TestChannels.seekable(cut, 1 << 20)));
    assertThrows(Crypt4ghFormatException.class, () -> TestChannels.readAll(dec.newDecryptingChannel(TestChannels.seekable(cut, 1 << 20)), 4096));
  }

  @Test
  void aReaderRefusesFurtherReadsAfterAFailure() throws Exception {
    byte[] plain = TestChannels.plaintext(3 * 65_536, 5);
    byte[] file = TestChannels.encrypt(Crypt4ghEncryptor.builder().recipient(reader.publicKey()).build(), plain);
    file[124 + 65_564 + 100] ^= 1;
    try (SeekableByteChannel ch = Crypt4ghDecryptor.builder().privateKey(reader).build().newSeekableDecryptingChannel(TestChannels.seekable(file, 1 << 20))) {
      ch.position(70_000);
      SegmentAuthenticationException e = assertThrows(SegmentAuthenticationException.class, () -> ch.read(ByteBuffer.allocate(10)));
      assertEquals(1, e.segmentIndex());
      ch.position(0);
      assertThrows(Crypt4ghException.class, () -> ch.read(ByteBuffer.allocate(10)), "even a good segment is refused after a failure");
    }
  }

  @Test
  void rearrangeFromASeekableInputClipsTheEditListToTheData() throws Exception {
    byte[] plain = TestChannels.plaintext(100_000, 11);
    byte[] file = TestChannels.encrypt(Crypt4ghEncryptor.builder().recipient(reader.publicKey()).build(), plain);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HeaderOperations.rearrange(
        TestChannels.seekable(file, 1 << 20), TestChannels.sink(out), reader, 70_000, 1_000_000, List.of(reader.publicKey()), ReencryptOptions.defaults());
    byte[] rearranged = out.toByteArray();
    DecryptedHeader h = Header.read(TestChannels.seekable(rearranged, 1 << 20)).decrypt(reader);
    assertArrayEquals(new long[] {70_000 - 65_536, 30_000}, h.editList().orElseThrow().lengths());
    assertArrayEquals(
        Arrays.copyOfRange(plain, 70_000, 100_000),
        TestChannels.readAll(Crypt4ghDecryptor.builder().privateKey(reader).build().newDecryptingChannel(TestChannels.seekable(rearranged, 1 << 20)), 4096));
  }

  private byte[] dataKeyPayload() {
    return Payloads.dataKey(params);
  }

  private static byte[] editListPayload(long... lengths) {
    return Payloads.editList(DataEditList.of(lengths));
  }

}
