package io.github.c4gh.crypt4gh.internal.keys;

import io.github.c4gh.crypt4gh.MalformedKeyFileException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * PEM-like armor: {@code -----BEGIN label-----}, base64 lines, {@code -----END label-----}.
 * Parsing tolerates CRLF, blank lines, whitespace around and inside lines, and a body split over
 * any number of lines; it rejects anything else outside the armor. The body is decoded without
 * making a {@link String} of it, and every intermediate array is wiped.
 */
final class Armor {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 64;

  private final String label;
  private final byte[] body;

  private Armor(String label, byte[] body) {
    this.label = label;
    this.body = body;
  }

  /** The label between {@code BEGIN} and the closing dashes. */
  String label() {
    return label;
  }

  /** The decoded body (not a copy; {@link #wipe()} clears it). */
  byte[] body() {
    return body;
  }

  void wipe() {
    Arrays.fill(body, (byte) 0);
  }

  /** Whether the first non-blank line of {@code text} starts with {@code -----BEGIN }. */
  static boolean looksArmored(CharSequence text) {
    int i = 0;
    while (i < text.length() && isSpace(text.charAt(i))) {
      i++;
    }
    return regionStartsWith(text, i, text.length(), BEGIN);
  }

  /**
   * Parses armored text.
   *
   * @throws MalformedKeyFileException if there is no BEGIN line, no matching END line, text outside
   *     the armor, a body that is not base64, or an empty body
   */
  static Armor parse(CharSequence text) throws MalformedKeyFileException {
    int n = text.length();
    byte[] base64 = new byte[n];
    int base64Length = 0;
    String label = null;
    boolean ended = false;
    try {
      int pos = 0;
      while (pos < n) {
        int lineEnd = pos;
        while (lineEnd < n && text.charAt(lineEnd) != '\n') {
          lineEnd++;
        }
        int s = pos;
        int e = lineEnd;
        pos = lineEnd + 1;
        while (s < e && isSpace(text.charAt(s))) {
          s++;
        }
        while (e > s && isSpace(text.charAt(e - 1))) {
          e--;
        }
        if (s == e) {
          continue;
        }
        if (ended) {
          throw new MalformedKeyFileException("the key file has text after its -----END ...----- line");
        }
        if (label == null) {
          label = markerLabel(text, s, e, BEGIN);
          if (label == null) {
            throw new MalformedKeyFileException("not an armored key file: no -----BEGIN ...----- line");
          }
          continue;
        }
        if (regionStartsWith(text, s, e, END)) {
          String endLabel = markerLabel(text, s, e, END);
          if (!label.equals(endLabel)) {
            throw new MalformedKeyFileException("the key file's -----END ...----- line does not match its BEGIN line");
          }
          ended = true;
          continue;
        }
        for (int i = s; i < e; i++) {
          char c = text.charAt(i);
          if (isBase64(c)) {
            base64[base64Length++] = (byte) c;
          } else if (!isSpace(c)) {
            throw new MalformedKeyFileException("the key file's body is not base64");
          }
        }
      }
      if (label == null) {
        throw new MalformedKeyFileException("not an armored key file: no -----BEGIN ...----- line");
      }
      if (!ended) {
        throw new MalformedKeyFileException("the key file has no -----END " + label + "----- line");
      }
      if (base64Length == 0) {
        throw new MalformedKeyFileException("the key file's body is empty");
      }
      byte[] exact = Arrays.copyOf(base64, base64Length);
      try {
        return new Armor(label, Base64.getDecoder().decode(exact));
      } catch (IllegalArgumentException e) {
        // the JDK's message quotes input characters: do not chain it
        throw new MalformedKeyFileException("the key file's body is not valid base64");
      } finally {
        Arrays.fill(exact, (byte) 0);
      }
    } finally {
      Arrays.fill(base64, (byte) 0);
    }
  }

  /**
   * {@code -----BEGIN label-----\n<base64 on one line>\n-----END label-----\n} as ASCII bytes, the
   * layout the Python reference writes. The caller owns (and may wipe) the result.
   */
  static byte[] format(String label, byte[] body) {
    byte[] begin = (BEGIN + label + DASHES + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] end = ("\n" + END + label + DASHES + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] base64 = Base64.getEncoder().encode(body);
    try {
      byte[] out = new byte[begin.length + base64.length + end.length];
      System.arraycopy(begin, 0, out, 0, begin.length);
      System.arraycopy(base64, 0, out, begin.length, base64.length);
      System.arraycopy(end, 0, out, begin.length + base64.length, end.length);
      return out;
    } finally {
      Arrays.fill(base64, (byte) 0);
    }
  }

  /** The label of a {@code marker + label + "-----"} line, or null if the line is not one. */
  private static String markerLabel(CharSequence text, int s, int e, String marker) {
    if (!regionStartsWith(text, s, e, marker) || e - s < marker.length() + DASHES.length() + 1) {
      return null;
    }
    int labelStart = s + marker.length();
    int labelEnd = e - DASHES.length();
    if (!regionStartsWith(text, labelEnd, e, DASHES) || labelEnd - labelStart > MAX_LABEL) {
      return null;
    }
    StringBuilder label = new StringBuilder(labelEnd - labelStart);
    for (int i = labelStart; i < labelEnd; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '-' && (i == labelStart || i == labelEnd - 1)) {
        return null;
      }
      label.append(c);
    }
    return label.toString();
  }

  private static boolean regionStartsWith(CharSequence text, int s, int e, String prefix) {
    if (e - s < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (text.charAt(s + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBase64(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=';
  }

  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == 0x0b || c == '\uFEFF';
  }
}
