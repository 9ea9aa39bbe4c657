package io.github.c4gh.bridge.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** MD5 for {@code Content-MD5} and multipart ETags; ETag spelling. */
public final class Digests {
  private Digests() {}

  /** The MD5 of {@code b[off, off+len)}. */
  public static byte[] md5(byte[] b, int off, int len) {
    MessageDigest md = newMd5();
    md.update(b, off, len);
    return md.digest();
  }

  /** A new MD5 digest. */
  public static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  /** Base64, as {@code Content-MD5} wants it. */
  public static String base64(byte[] digest) {
    return Base64.getEncoder().encodeToString(digest);
  }

  /** The ETag of a single-PUT object with this MD5. */
  public static String singleETag(byte[] md5) {
    return HexFormat.of().formatHex(md5);
  }

  /** The ETag S3 gives a multipart object: MD5 of the parts' binary MD5s, a dash and the count. */
  public static String multipartETag(List<byte[]> partMd5s) {
    MessageDigest md = newMd5();
    partMd5s.forEach(md::update);
    return HexFormat.of().formatHex(md.digest()) + "-" + partMd5s.size();
  }

  /** The ETag without surrounding quotes or a weak prefix; null stays null. */
  public static String unquote(String eTag) {
    if (eTag == null) {
      return null;
    }
    String t = eTag.strip();
    if (t.startsWith("W/")) {
      t = t.substring(2);
    }
    if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
      t = t.substring(1, t.length() - 1);
    }
    return t;
  }
}
