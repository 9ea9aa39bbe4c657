package io.github.c4gh.cli.internal;

/**
 * A plaintext byte range {@code START-END}: bytes from START up to but not including END (END is
 * exclusive, so {@code 0-100} is the first 100 bytes). {@code START-} runs to the end.
 */
final class ByteRange {
  /** The text used in help for every {@code --range} option. */
  static final String HELP =
      "plaintext bytes [START, END): from byte START up to but NOT including byte END (END is exclusive; 0-100 is the first 100 bytes; START- runs to the end)";

  final long start;
  final long end; // Long.MAX_VALUE when open

  private ByteRange(long start, long end) {
    this.start = start;
    this.end = end;
  }

  /** Parses {@code START-END} or {@code START-}. */
  static ByteRange parse(String text) throws UsageException {
    int dash = text.indexOf('-');
    if (dash <= 0) {
      throw bad(text);
    }
    long start = number(text.substring(0, dash), text);
    String endText = text.substring(dash + 1);
    long end = endText.isEmpty() ? Long.MAX_VALUE : number(endText, text);
    if (end < start) {
      throw new UsageException("invalid range '" + text + "': END is before START (the range is START-END, END exclusive)");
    }
    return new ByteRange(start, end);
  }

  /** Bytes in the range (before any clipping at the end of the data). */
  long length() {
    return end - start;
  }

  private static long number(String s, String whole) throws UsageException {
    if (s.isEmpty() || s.length() > 19) {
      throw bad(whole);
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        throw bad(whole);
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw bad(whole);
    }
  }

  private static UsageException bad(String text) {
    return new UsageException("invalid range '" + text + "': expected START-END with decimal byte offsets, END exclusive");
  }

  @Override
  public String toString() {
    return start + "-" + (end == Long.MAX_VALUE ? "" : Long.toString(end));
  }
}
