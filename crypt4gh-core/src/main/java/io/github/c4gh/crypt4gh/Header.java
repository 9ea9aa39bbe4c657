package io.github.c4gh.crypt4gh;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A Crypt4GH v1 header: {@code "crypt4gh" || u32 version || u32 packet_count || packet*}. Immutable.
 * It is read and written on its own as well (a detached header), and re-encrypted for new recipients
 * without touching the data.
 *
 * <pre>{@code
 * Header header = Header.read(channel);                 // parse, bounded
 * DecryptedHeader plain = header.decrypt(mySecretKey);  // data keys and edit list
 * Header forBob = header.reencrypt(mySecretKey, List.of(bobPublicKey), ReencryptOptions.defaults());
 * }</pre>
 */
public final class Header {
  /** The 8 magic bytes {@code crypt4gh}. */
  static final byte[] MAGIC = "crypt4gh".getBytes(StandardCharsets.US_ASCII);
  /** The only version this implementation reads and writes. */
  public static final int VERSION = 1;
  /** Bytes before the first packet: magic, version, packet count. */
  public static final int PREFIX_LENGTH = 16;
  /** The largest packet count accepted, bounding what a file can make a reader do. */
  public static final int MAX_PACKETS = 4096;
  /** Length of a header with one data-key packet and no edit list. */
  public static final int SINGLE_RECIPIENT_LENGTH = PREFIX_LENGTH + 108;

  private final List<HeaderPacket> packets;
  private final long encodedLength;

  private Header(List<HeaderPacket> packets) {
    this.packets = List.copyOf(packets);
    long n = PREFIX_LENGTH;
    for (HeaderPacket p : this.packets) {
      n += p.packetLength();
    }
    this.encodedLength = n;
  }

  /**
   * A header of these packets, in this order.
   *
   * @throws IllegalArgumentException if there are more than {@link #MAX_PACKETS}
   */
  public static Header of(List<HeaderPacket> packets) {
    if (packets.size() > MAX_PACKETS) {
      throw new IllegalArgumentException("at most " + MAX_PACKETS + " header packets");
    }
    return new Header(packets);
  }

  /**
   * A new header that gives every recipient the data keys (and the edit list, when not null), one
   * packet per recipient and item, written by {@code sender} or, when it is null, by a fresh
   * ephemeral key. Repeated recipients get one set of packets.
   */
  public static Header encrypt(
      Collection<Crypt4ghPublicKey> recipients,
      List<DataEncryptionParameters> dataKeys,
      DataEditList editList,
      Crypt4ghPrivateKey sender,
      SecureRandom random) {
    List<byte[]> payloads = new ArrayList<>();
    for (DataEncryptionParameters p : dataKeys) {
      payloads.add(Payloads.dataKey(p));
    }
    if (editList != null) {
      payloads.add(Payloads.editList(editList));
    }
    return encryptPayloads(recipients, payloads, sender, random, List.of());
  }

  static Header encryptPayloads(
      Collection<Crypt4ghPublicKey> recipients, List<byte[]> payloads, Crypt4ghPrivateKey sender, SecureRandom random, List<HeaderPacket> tail) {
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("at least one recipient is needed");
    }
    Crypt4ghPrivateKey writer = sender != null ? sender : Crypt4ghPrivateKey.generate(random);
    try {
      List<HeaderPacket> out = new ArrayList<>();
      for (Crypt4ghPublicKey r : new LinkedHashSet<>(recipients)) {
        for (byte[] payload : payloads) {
          out.add(PacketCipher.encrypt(payload, writer, r, random));
        }
      }
      out.addAll(tail);
      return of(out);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("a recipient public key is invalid (low order point)", e);
    } finally {
      if (sender == null) {
        writer.destroy();
      }
    }
  }

  /** Reads exactly one header from {@code in}, leaving it at the first data byte. */
  public static Header read(ReadableByteChannel in) throws IOException {
    ByteBuffer prefix = readFully(in, PREFIX_LENGTH, "header");
    for (int i = 0; i < MAGIC.length; i++) {
      if (prefix.get(i) != MAGIC[i]) {
        throw new Crypt4ghFormatException("not a Crypt4GH file: the magic bytes 'crypt4gh' are missing");
      }
    }
    int version = prefix.getInt(8);
    if (version != VERSION) {
      throw new Crypt4ghFormatException("unsupported Crypt4GH version " + Integer.toUnsignedString(version) + " (only version 1 is supported)");
    }
    long count = Integer.toUnsignedLong(prefix.getInt(12));
    if (count > MAX_PACKETS) {
      throw new Crypt4ghFormatException("header declares " + count + " packets; at most " + MAX_PACKETS + " are accepted");
    }
    List<HeaderPacket> packets = new ArrayList<>((int) count);
    for (int i = 0; i < count; i++) {
      ByteBuffer len = readFully(in, 4, "header packet " + i);
      long length = Integer.toUnsignedLong(len.getInt(0));
      if (length < 8 || length > HeaderPacket.MAX_LENGTH) {
        throw new Crypt4ghFormatException("header packet " + i + " declares " + length + " bytes; accepted are 8 to " + HeaderPacket.MAX_LENGTH);
      }
      byte[] encoded = new byte[(int) length];
      len.get(0, encoded, 0, 4);
      ByteBuffer rest = ByteBuffer.wrap(encoded, 4, encoded.length - 4);
      fill(in, rest, "header packet " + i);
      packets.add(HeaderPacket.wrap(encoded));
    }
    return new Header(packets);
  }

  /** Reads exactly one header from {@code in} (no read-ahead past it). */
  public static Header read(InputStream in) throws IOException {
    return read(Channels.newChannel(in));
  }

  /** Parses a header that fills all of {@code encoded} exactly (a detached header file). */
  public static Header parse(byte[] encoded) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(encoded);
    Header h = read(new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) {
        if (!b.hasRemaining()) {
          return -1;
        }
        int n = Math.min(dst.remaining(), b.remaining());
        ByteBuffer slice = b.slice();
        slice.limit(n);
        dst.put(slice);
        b.position(b.position() + n);
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    });
    if (b.hasRemaining()) {
      throw new Crypt4ghFormatException(b.remaining() + " bytes follow the header");
    }
    return h;
  }

  private static ByteBuffer readFully(ReadableByteChannel in, int n, String what) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    fill(in, b, what);
    return b;
  }

  private static void fill(ReadableByteChannel in, ByteBuffer b, String what) throws IOException {
    while (b.hasRemaining()) {
      if (in.read(b) < 0) {
        if (b.position() == 0 && "header".equals(what)) {
          throw new Crypt4ghFormatException("not a Crypt4GH file: the input is empty");
        }
        throw new Crypt4ghFormatException("the input ends inside the " + what, new EOFException());
      }
    }
  }

  /** The packets, in file order. */
  public List<HeaderPacket> packets() {
    return packets;
  }

  /** Bytes of the encoded header; the data section starts at this offset. */
  public long encodedLength() {
    return encodedLength;
  }

  /** The encoded header. */
  public byte[] encoded() {
    if (encodedLength > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("header too large for an array");
    }
    ByteBuffer b = ByteBuffer.allocate((int) encodedLength).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).putInt(VERSION).putInt(packets.size());
    for (HeaderPacket p : packets) {
      b.put(p.encodedUnsafe());
    }
    return b.array();
  }

  /** Writes the encoded header to {@code out}. */
  public void writeTo(WritableByteChannel out) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(encoded());
    while (b.hasRemaining()) {
      out.write(b);
    }
  }

  /** Writes the encoded header to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(encoded());
  }

  /** Decrypts what {@code key} can open, with no sender check. */
  public DecryptedHeader decrypt(Crypt4ghPrivateKey key) throws Crypt4ghException {
    return decrypt(key, null);
  }

  /**
   * Decrypts the packets {@code key} can open. Packets of other recipients and of unknown methods
   * are skipped. When {@code expectedSender} is not null, only packets written by it count.
   *
   * @throws NoDataKeyException if no packet gives a data key
   * @throws SenderMismatchException if packets open but none was written by {@code expectedSender}
   * @throws Crypt4ghFormatException for an unknown packet type, an unknown data encryption method,
   *     a malformed payload, or more than one edit list
   */
  public DecryptedHeader decrypt(Crypt4ghPrivateKey key, Crypt4ghPublicKey expectedSender) throws Crypt4ghException {
    List<DataEncryptionParameters> keys = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    List<Integer> opened = new ArrayList<>();
    List<Crypt4ghPublicKey> writers = new ArrayList<>();
    DataEditList editList = null;
    int otherSender = 0;
    for (int i = 0; i < packets.size(); i++) {
      HeaderPacket p = packets.get(i);
      byte[] payload = PacketCipher.decrypt(p, key);
      if (payload == null) {
        continue;
      }
      Crypt4ghPublicKey writer = p.writerPublicKey();
      if (expectedSender != null && !expectedSender.equals(writer)) {
        otherSender++;
        continue;
      }
      Object item = Payloads.parse(payload, i);
      if (item instanceof DataEncryptionParameters) {
        keys.add((DataEncryptionParameters) item);
      } else {
        if (editList != null) {
          throw new Crypt4ghFormatException("the header has more than one edit list for this key; such a file is rejected");
        }
        editList = (DataEditList) item;
      }
      payloads.add(payload);
      opened.add(i);
      if (!writers.contains(writer)) {
        writers.add(writer);
      }
    }
    if (keys.isEmpty()) {
      if (otherSender > 0) {
        throw new SenderMismatchException(
            "the header packets for this key were written by another sender than the expected " + expectedSender.toBase64());
      }
      throw new NoDataKeyException(
          "none of the " + packets.size() + " header packets can be decrypted with the key whose public key is "
              + key.publicKey().toBase64() + ": it is not a recipient of this file (or the header was altered)");
    }
    return new DecryptedHeader(this, keys, editList, opened, writers, payloads);
  }

  /**
   * This header re-encrypted: every packet {@code key} can open is encrypted again for each new
   * recipient; the packets it cannot open follow unless {@code options} trims them.
   */
  public Header reencrypt(Crypt4ghPrivateKey key, Collection<Crypt4ghPublicKey> recipients, ReencryptOptions options)
      throws Crypt4ghException {
    DecryptedHeader plain = decrypt(key, options.expectedSender());
    List<HeaderPacket> tail = new ArrayList<>();
    if (!options.trim()) {
      for (int i = 0; i < packets.size(); i++) {
        if (!plain.openedPacketIndices().contains(i)) {
          tail.add(packets.get(i));
        }
      }
    }
    return encryptPayloads(recipients, plain.payloads(), options.sender(), options.random(), tail);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Header && ((Header) o).packets.equals(packets);
  }

  @Override
  public int hashCode() {
    return packets.hashCode();
  }

  @Override
  public String toString() {
    return "Header[" + packets.size() + " packets, " + encodedLength + " bytes]";
  }
}
