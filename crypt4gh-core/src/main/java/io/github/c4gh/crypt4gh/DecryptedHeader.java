package io.github.c4gh.crypt4gh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a secret key opened in a {@link Header}: the data keys, the edit list if any, which packets
 * opened and who wrote them. Holds secret key material; do not log it (its {@link #toString()}
 * reveals none).
 */
public final class DecryptedHeader {
  private final Header header;
  private final List<DataEncryptionParameters> dataKeys;
  private final DataEditList editList;
  private final List<Integer> opened;
  private final List<Crypt4ghPublicKey> writers;
  private final List<byte[]> payloads;

  DecryptedHeader(
      Header header,
      List<DataEncryptionParameters> dataKeys,
      DataEditList editList,
      List<Integer> opened,
      List<Crypt4ghPublicKey> writers,
      List<byte[]> payloads) {
    this.header = header;
    this.dataKeys = List.copyOf(dataKeys);
    this.editList = editList;
    this.opened = List.copyOf(opened);
    this.writers = List.copyOf(writers);
    this.payloads = List.copyOf(payloads);
  }

  /** The header this came from. */
  public Header header() {
    return header;
  }

  /** The data keys, at least one, in packet order. */
  public List<DataEncryptionParameters> dataKeys() {
    return dataKeys;
  }

  /** The edit list, if the key opened one. */
  public Optional<DataEditList> editList() {
    return Optional.ofNullable(editList);
  }

  /** Indices (in {@link Header#packets()}) of the packets the key opened. */
  public List<Integer> openedPacketIndices() {
    return opened;
  }

  /** The distinct writer public keys of the opened packets. */
  public List<Crypt4ghPublicKey> writerPublicKeys() {
    return writers;
  }

  /** Copies of the decrypted payloads, for re-encryption. */
  List<byte[]> payloads() {
    List<byte[]> copy = new ArrayList<>(payloads.size());
    for (byte[] p : payloads) {
      copy.add(p.clone());
    }
    return copy;
  }

  @Override
  public String toString() {
    return "DecryptedHeader[" + dataKeys.size() + " data keys, " + (editList == null ? "no edit list" : editList) + ", packets " + opened + "]";
  }
}
