package io.github.c4gh.crypt4gh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Operations on whole Crypt4GH files that change the header and copy encrypted segments as they
 * are, without decrypting the data: re-encryption for new recipients and rearrangement of a range
 * into an edit list.
 *
 * <pre>{@code
 * try (FileChannel in = FileChannel.open(src); FileChannel out = FileChannel.open(dst, CREATE_NEW, WRITE)) {
 *   HeaderOperations.reencrypt(in, out, mySecretKey, List.of(bobPublicKey), ReencryptOptions.defaults().withTrim(true));
 * }
 * }</pre>
 */
public final class HeaderOperations {
  private HeaderOperations() {}

  /**
   * Copies a Crypt4GH file from {@code in} to {@code out} with its header re-encrypted for
   * {@code recipients} (see {@link Header#reencrypt}); the data section is copied unchanged.
   *
   * @return bytes written
   */
  public static long reencrypt(
      ReadableByteChannel in, WritableByteChannel out, Crypt4ghPrivateKey key, Collection<Crypt4ghPublicKey> recipients, ReencryptOptions options)
      throws IOException {
    Header header = Header.read(in);
    Header fresh = header.reencrypt(key, recipients, options);
    fresh.writeTo(out);
    long written = fresh.encodedLength();
    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    while (in.read(buf) >= 0) {
      buf.flip();
      while (buf.hasRemaining()) {
        written += out.write(buf);
      }
      buf.clear();
    }
    return written;
  }

  /**
   * Writes to {@code out} a Crypt4GH file that shows only the plaintext range [start, end) of the
   * file in {@code in}: a header with an edit list, encrypted for {@code recipients}, and only the
   * segments the range touches, copied as they are. The range is in the plaintext as a reader sees
   * it (after any existing edit list). When {@code in} is a {@link SeekableByteChannel} its size
   * is known and {@code end} past the end is clipped in the edit list; from a plain stream the
   * edit list keeps the requested length (readers stop at the end of the data all the same).
   *
   * @return bytes written
   */
  public static long rearrange(
      ReadableByteChannel in,
      WritableByteChannel out,
      Crypt4ghPrivateKey key,
      long start,
      long end,
      Collection<Crypt4ghPublicKey> recipients,
      ReencryptOptions options)
      throws IOException {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
    long knownSize = -1;
    if (in instanceof SeekableByteChannel) {
      SeekableByteChannel sin = (SeekableByteChannel) in;
      knownSize = sin.size() - sin.position(); // the whole file, header included, from here
    }
    Header header = Header.read(in);
    DecryptedHeader plain = header.decrypt(key, options.expectedSender());
    long plainSize = knownSize < 0 ? Long.MAX_VALUE : SegmentLayout.plaintextSize(knownSize - header.encodedLength());
    List<long[]> wanted = underlyingRanges(plain.editList().orElse(null), start, end, plainSize);
    final long seg = SegmentLayout.SEGMENT_SIZE;
    // runs of consecutive segments the ranges touch: {first, last, index of first in the new file}
    List<long[]> runs = new ArrayList<>();
    long kept = 0;
    for (long[] r : wanted) {
      long first = r[0] / seg;
      long lastSeg = (r[1] - 1) / seg;
      long[] tail = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (tail != null && first <= tail[1] + 1) {
        if (lastSeg > tail[1]) {
          kept += lastSeg - tail[1];
          tail[1] = lastSeg;
        }
      } else {
        runs.add(new long[] {first, lastSeg, kept});
        kept += lastSeg - first + 1;
      }
    }
    // each wanted range, mapped into the compacted plaintext, as skip/keep lengths
    List<long[]> mapped = new ArrayList<>();
    int run = 0;
    for (long[] r : wanted) {
      while (runs.get(run)[1] < r[0] / seg) {
        run++;
      }
      long[] rr = runs.get(run);
      long base = (rr[2] - rr[0]) * seg; // new position = old position + base
      long ms = r[0] + base;
      long me = r[1] + base;
      if (!mapped.isEmpty() && mapped.get(mapped.size() - 1)[1] == ms) {
        mapped.get(mapped.size() - 1)[1] = me;
      } else {
        mapped.add(new long[] {ms, me});
      }
    }
    long[] lengths = new long[Math.max(2, mapped.size() * 2)];
    long cursor = 0;
    for (int i = 0; i < mapped.size(); i++) {
      lengths[2 * i] = mapped.get(i)[0] - cursor;
      lengths[2 * i + 1] = mapped.get(i)[1] - mapped.get(i)[0];
      cursor = mapped.get(i)[1];
    }
    Header fresh = Header.encrypt(recipients, plain.dataKeys(), DataEditList.of(lengths), options.sender(), options.random());
    fresh.writeTo(out);
    long written = fresh.encodedLength();
    ByteBuffer buf = ByteBuffer.allocate(SegmentLayout.CIPHER_SEGMENT_SIZE);
    long index = 0;
    run = 0;
    while (run < runs.size()) {
      buf.clear();
      while (buf.hasRemaining() && in.read(buf) >= 0) {
        // fill one segment, tolerating short reads
      }
      int n = buf.position();
      if (n == 0) {
        break;
      }
      if (index >= runs.get(run)[0]) {
        buf.flip();
        while (buf.hasRemaining()) {
          written += out.write(buf);
        }
        if (index == runs.get(run)[1]) {
          run++;
        }
      }
      if (n < SegmentLayout.CIPHER_SEGMENT_SIZE) {
        break;
      }
      index++;
    }
    return written;
  }

  /** The ranges of the underlying plaintext behind view range [start, end). */
  private static List<long[]> underlyingRanges(DataEditList editList, long start, long end, long plainSize) {
    List<long[]> out = new ArrayList<>();
    if (editList == null) {
      if (Math.min(end, plainSize) > start) {
        out.add(new long[] {start, Math.min(end, plainSize)});
      }
      return out;
    }
    if (start == end) {
      return out;
    }
    long[] kept = editList.keptRanges(plainSize);
    long view = 0;
    for (int i = 0; i < kept.length; i += 2) {
      long len = kept[i + 1] - kept[i];
      long from = Math.max(start, view);
      long to = Math.min(end, view + len);
      if (from < to) {
        out.add(new long[] {kept[i] + (from - view), kept[i] + (to - view)});
      }
      view += len;
      if (view >= end) {
        break;
      }
    }
    return out;
  }
}
