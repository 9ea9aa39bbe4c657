package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.ALICE_PASSPHRASE;
import static io.github.c4gh.cli.CliHarness.passphrase;
import static io.github.c4gh.cli.CliHarness.read;
import static io.github.c4gh.cli.CliHarness.run;
import static io.github.c4gh.cli.CliHarness.v;
import static io.github.c4gh.cli.CliHarness.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.Result;
import io.github.c4gh.crypt4gh.SegmentLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code decrypt --range} (random access and streaming) and {@code rearrange}, against plaintext slices. */
class RangeAndRearrangeTest {
  private static final Map<String, String> ALICE = passphrase(ALICE_PASSPHRASE);
  private static final String BASE = "enc/base.alice.c4gh"; // 300 000 bytes, 5 segments
  private static byte[] basePlain;
  private static byte[] oddPlain;

  @TempDir Path dir;

  @BeforeAll
  static void plaintexts() {
    basePlain = CliHarness.alicePlaintext(BASE);
    assertEquals(300_000, basePlain.length);
    oddPlain = CliHarness.alicePlaintext("enc/editlist-odd.alice.c4gh");
    assertEquals(129_000, oddPlain.length);
  }

  private static byte[] slice(byte[] plain, long start, long end) {
    return Arrays.copyOfRange(plain, (int) Math.min(start, plain.length), (int) Math.min(end, plain.length));
  }

  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({
      "0,1", "0,0", "5,5", "0,65536", "1,65537", "65535,65537", "65536,131072", "70000,200001", "10,21",
      "131071,262145", "299990,300000", "299999,300001", "0,300000", "250000,400000", "300000,300010", "400000,500000"
  })
  void decryptRangeFromFileAndFromStdin(long start, long end) {
    byte[] expected = slice(basePlain, start, end);
    String range = start + "-" + end;
    Result fromFile = run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--range", range, "--in", v(BASE)).ok();
    assertArrayEquals(expected, fromFile.stdout, "seekable, from the file");
    Result fromStdin = run(ALICE, read(vector(BASE)), "decrypt", "--sk", v("keys/alice.sec"), "--range", range).ok();
    assertArrayEquals(expected, fromStdin.stdout, "streaming, from stdin");
  }

  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({"0,1", "999,1001", "5999,6001", "0,129000", "5000,5100", "5050,128000", "128999,200000"})
  void decryptRangeOfAFileWithAnEditList(long start, long end) {
    // the range is in the plaintext after the edit list
    byte[] expected = slice(oddPlain, start, end);
    String range = start + "-" + end;
    String file = "enc/editlist-odd.alice.c4gh";
    assertArrayEquals(expected, run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--range", range, "--in", v(file)).ok().stdout);
    assertArrayEquals(expected, run(ALICE, read(vector(file)), "decrypt", "--sk", v("keys/alice.sec"), "--range", range).ok().stdout);
  }

  @Test
  void rangeFromFileReadsPastADamagedSegmentItDoesNotNeed() {
    // neg-tampered-data has a flipped byte in segment 1; a range inside segment 0 or from segment 2 on never opens it
    String file = "enc/neg-tampered-data.alice.c4gh";
    assertArrayEquals(slice(basePlain, 100, 65_536),
        run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--range", "100-65536", "--in", v(file)).ok().stdout);
    assertArrayEquals(slice(basePlain, 131_072, 300_000),
        run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--range", "131072-", "--in", v(file)).ok().stdout);
    String line = run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--range", "65535-65537", "--in", v(file)).failedWithOneLine("decrypt");
    assertTrue(line.contains("segment 1 failed authentication"), line);
  }

  @ParameterizedTest(name = "{0}-{1}")
  @CsvSource({"0,1", "10,21", "70000,200001", "65536,131072", "65535,65537", "0,300000", "299000,", "250000,999999", "5,5"})
  void rearrangeThenDecryptEqualsTheSlice(long start, String endText) throws Exception {
    long end = endText == null ? Long.MAX_VALUE : Long.parseLong(endText);
    String range = start + "-" + (endText == null ? "" : endText);
    byte[] expected = slice(basePlain, start, end);
    Path out = dir.resolve("r.c4gh");
    run(ALICE, "rearrange", "--sk", v("keys/alice.sec"), "--range", range, "--in", v(BASE), "--out", out.toString()).ok();
    assertArrayEquals(expected, run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", out.toString()).ok().stdout);
    // only the segments the range touches are kept, copied whole
    long expectedData = 0;
    if (expected.length > 0) {
      long first = start / SegmentLayout.SEGMENT_SIZE;
      long last = (Math.min(end, basePlain.length) - 1) / SegmentLayout.SEGMENT_SIZE;
      for (long i = first; i <= last; i++) {
        expectedData += Math.min(SegmentLayout.SEGMENT_SIZE, basePlain.length - i * SegmentLayout.SEGMENT_SIZE) + SegmentLayout.OVERHEAD;
      }
    }
    assertEquals(expectedData, Files.size(out) - headerSize(out), "data section of the rearranged file");
    // and a range of the rearranged file, seekable and streaming
    if (expected.length > 2) {
      long s = 1;
      long e = expected.length - 1;
      byte[] inner = Arrays.copyOfRange(expected, (int) s, (int) e);
      assertArrayEquals(inner, run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--range", s + "-" + e, "--in", out.toString()).ok().stdout);
      assertArrayEquals(inner, run(ALICE, read(out), "decrypt", "--sk", v("keys/alice.sec"), "--range", s + "-" + e).ok().stdout);
    }
  }

  @Test
  void rearrangeFromStdinToStdoutAndOfAnEditList() {
    Result r = run(ALICE, read(vector(BASE)), "rearrange", "--sk", v("keys/alice.sec"), "--range", "70000-200001").ok();
    assertArrayEquals(slice(basePlain, 70_000, 200_001), run(ALICE, r.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok().stdout);
    // three segments (1..3), like the Python reference's output for this range
    assertEquals(3L * SegmentLayout.CIPHER_SEGMENT_SIZE, r.stdout.length - 216);

    // rearranging a file that already has an edit list: the range is in its visible plaintext
    Result r2 = run(ALICE, "rearrange", "--sk", v("keys/alice.sec"), "--range", "5000-7000", "--in", v("enc/editlist-odd.alice.c4gh")).ok();
    assertArrayEquals(slice(oddPlain, 5000, 7000), run(ALICE, r2.stdout, "decrypt", "--sk", v("keys/alice.sec")).ok().stdout);
  }

  @Test
  void rearrangeOfAFileClipsTheEditListToThePlaintext() throws Exception {
    Path out = dir.resolve("tail.c4gh");
    run(ALICE, "rearrange", "--sk", v("keys/alice.sec"), "--range", "299000-", "--in", v(BASE), "--out", out.toString()).ok();
    String inspect = run(ALICE, "inspect", "--sk", v("keys/alice.sec"), "--in", out.toString()).ok().out();
    assertTrue(inspect.contains("edit list: [36856, 1000] "), inspect);
    assertArrayEquals(slice(basePlain, 299_000, 300_000), run(ALICE, "decrypt", "--sk", v("keys/alice.sec"), "--in", out.toString()).ok().stdout);
  }

  @Test
  void rearrangeNeedsARange() {
    Result r = run(ALICE, "rearrange", "--sk", v("keys/alice.sec"), "--in", v(BASE));
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("missing required option '--range START-END'"), r.stderr);
  }

  private static long headerSize(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return io.github.c4gh.crypt4gh.Header.read(in).encodedLength();
    }
  }
}
