package io.github.c4gh.cli.internal;

import io.github.c4gh.crypt4gh.Crypt4ghException;
import io.github.c4gh.crypt4gh.Crypt4ghFormatException;
import io.github.c4gh.crypt4gh.Crypt4ghPrivateKey;
import io.github.c4gh.crypt4gh.Crypt4ghPublicKey;
import io.github.c4gh.crypt4gh.DataEditList;
import io.github.c4gh.crypt4gh.DataEncryptionParameters;
import io.github.c4gh.crypt4gh.DecryptedHeader;
import io.github.c4gh.crypt4gh.Header;
import io.github.c4gh.crypt4gh.HeaderPacket;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code c4gh inspect}: the header layout, and with a secret key what it opens. Never prints data
 * keys or secret keys.
 */
final class InspectCommand implements Command {
  @Override
  public String name() {
    return "inspect";
  }

  @Override
  public String summary() {
    return "show the header layout of a Crypt4GH file and what a secret key opens in it";
  }

  @Override
  public List<Option> options() {
    return List.of(
        CommonOptions.secretKey("also show what this secret key opens: data keys (method only), edit list, packets"),
        CommonOptions.IN);
  }

  @Override
  public String details() {
    return "Prints the magic and version, each header packet's length, encryption method and writer public key, "
        + "the header size and, when --in names a file, the data section size and number of segments. With --sk it "
        + "also prints which packets the key opens, the number and method of the data keys and the edit list; the "
        + "data keys themselves are never printed. Exits with 1 when the secret key opens nothing. "
        + CommonOptions.PASSPHRASE_HELP;
  }

  @Override
  public int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    try (Input in = Input.open(options.path("in"), context.stdin())) {
      Crypt4ghPrivateKey key = options.has("sk") ? KeyFileAccess.secretKey(context, options.path("sk")) : null;
      try {
        Header header;
        try {
          header = Header.read(in.channel());
        } catch (Crypt4ghFormatException e) {
          throw in.formatError(e);
        }
        DecryptedHeader opened = null;
        Crypt4ghException failure = null;
        if (key != null) {
          try {
            opened = header.decrypt(key);
          } catch (Crypt4ghException e) {
            failure = e;
          }
        }
        print(context.stdout(), in, header, key, opened);
        if (failure != null) {
          throw failure;
        }
      } finally {
        if (key != null) {
          key.destroy();
        }
      }
    }
    return 0;
  }

  private static void print(PrintStream out, Input in, Header header, Crypt4ghPrivateKey key, DecryptedHeader opened)
      throws IOException {
    List<HeaderPacket> packets = header.packets();
    List<Integer> openedIndices = opened == null ? List.of() : opened.openedPacketIndices();
    out.println("input: " + in.describe());
    out.println("magic: crypt4gh, version " + Header.VERSION);
    out.println("header packets: " + packets.size());
    for (int i = 0; i < packets.size(); i++) {
      HeaderPacket p = packets.get(i);
      StringBuilder line = new StringBuilder("  packet " + i + ": " + p.packetLength() + " bytes, encryption method "
          + Integer.toUnsignedString(p.encryptionMethod()) + " (" + p.encryptionMethodName() + ")");
      if (p.isKnownMethod()) {
        line.append(", writer public key ").append(p.writerPublicKey().toBase64());
      }
      if (key != null) {
        line.append(openedIndices.contains(i) ? ", opened by the key" : ", not opened by the key");
      }
      out.println(line);
    }
    out.println("header size: " + header.encodedLength() + " bytes");

    long plaintextSize = -1;
    if (in.isFile()) {
      long dataSize = in.file().size() - header.encodedLength();
      long full = dataSize / SegmentLayout.CIPHER_SEGMENT_SIZE;
      long rest = dataSize % SegmentLayout.CIPHER_SEGMENT_SIZE;
      long segments = full + (rest > 0 ? 1 : 0);
      String tail;
      try {
        plaintextSize = SegmentLayout.plaintextSize(dataSize);
        tail = ", " + plaintextSize + " bytes of plaintext";
      } catch (Crypt4ghFormatException e) {
        tail = " (malformed: " + e.getMessage() + ")";
      }
      out.println("data section: " + dataSize + " bytes in " + segments + " segment" + (segments == 1 ? "" : "s")
          + " (" + SegmentLayout.CIPHER_SEGMENT_SIZE + " bytes per full segment" + (rest > 0 ? ", last " + rest + " bytes" : "")
          + ")" + tail);
    } else {
      out.println("data section: not measured (the input is a stream; use --in FILE)");
    }

    if (key == null) {
      return;
    }
    out.println("secret key: public key " + key.publicKey().toBase64());
    if (opened == null) {
      out.println("  opens: none of the " + packets.size() + " packets");
      return;
    }
    out.println("  opened packets: " + openedIndices.size() + " of " + packets.size() + " " + openedIndices);
    Map<String, Integer> methods = new LinkedHashMap<>();
    for (DataEncryptionParameters p : opened.dataKeys()) {
      methods.merge(p.methodName(), 1, Integer::sum);
    }
    List<String> methodText = new ArrayList<>();
    methods.forEach((m, n) -> methodText.add(methods.size() == 1 ? m : n + " x " + m));
    out.println("  data keys: " + opened.dataKeys().size() + " (" + String.join(", ", methodText) + ")");
    if (opened.editList().isPresent()) {
      DataEditList e = opened.editList().get();
      String kept = plaintextSize >= 0 ? ", keeps " + e.keptLength(plaintextSize) + " bytes of the plaintext" : "";
      out.println("  edit list: " + Arrays.toString(e.lengths()) + " (" + e.size() + " lengths: skip, keep, ...)" + kept);
    } else {
      out.println("  edit list: none");
    }
    List<String> writers = new ArrayList<>();
    for (Crypt4ghPublicKey w : opened.writerPublicKeys()) {
      writers.add(w.toBase64());
    }
    out.println("  writers of the opened packets: " + String.join(", ", writers));
  }
}
