package io.github.c4gh.htsjdk.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The file names an index of a (possibly encrypted) data file may have, in order of preference. */
public final class IndexNames {
  /** The suffix of Crypt4GH files. */
  public static final String C4GH = ".c4gh";

  /** Kinds of index. */
  public enum Kind {
    /** BAI, CSI or CRAI: what {@code SamReaderFactory} reads. */
    READS,
    /** Tabix ({@code .tbi}). */
    TABIX
  }

  private IndexNames() {}

  /** {@code name} without a trailing {@code .c4gh} (any case), or {@code name} itself. */
  public static String plaintextName(String name) {
    return isEncryptedName(name) ? name.substring(0, name.length() - C4GH.length()) : name;
  }

  /** Whether {@code name} ends with {@code .c4gh} (any case). */
  public static boolean isEncryptedName(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(C4GH) && name.length() > C4GH.length();
  }

  /**
   * Candidate index file names for the data file named {@code fileName}, best first. For {@code
   * x.bam.c4gh}: the encrypted indexes {@code x.bam.bai.c4gh}, {@code x.bai.c4gh}, {@code
   * x.bam.csi.c4gh}, {@code x.csi.c4gh}; then the names htsjdk itself looks for next to a file
   * called {@code x.bam.c4gh}: {@code x.bam.c4gh.bai}, {@code x.bam.c4gh.csi}; then the plain
   * indexes of the plaintext name: {@code x.bam.bai}, {@code x.bai}, {@code x.bam.csi}, {@code
   * x.csi}. CRAM: {@code .crai} first, then {@code .bai}, {@code .csi}. Tabix: {@code .tbi}.
   * Whether a candidate is encrypted is decided by its content, not its name.
   */
  public static List<String> candidates(String fileName, Kind kind) {
    String plain = plaintextName(fileName);
    boolean encrypted = !plain.equals(fileName);
    String lower = plain.toLowerCase(Locale.ROOT);
    List<String> indexesOfPlain = new ArrayList<>();
    List<String> extensions = new ArrayList<>();
    if (kind == Kind.TABIX) {
      indexesOfPlain.add(plain + ".tbi");
      extensions.add(".tbi");
    } else if (lower.endsWith(".bam")) {
      String base = plain.substring(0, plain.length() - 4);
      indexesOfPlain.addAll(List.of(plain + ".bai", base + ".bai", plain + ".csi", base + ".csi"));
      extensions.addAll(List.of(".bai", ".csi"));
    } else if (lower.endsWith(".cram")) {
      String base = plain.substring(0, plain.length() - 5);
      indexesOfPlain.addAll(List.of(plain + ".crai", base + ".crai", plain + ".bai", plain + ".csi"));
      extensions.addAll(List.of(".crai", ".bai", ".csi"));
    } else {
      indexesOfPlain.addAll(List.of(plain + ".bai", plain + ".csi", plain + ".crai"));
      extensions.addAll(List.of(".bai", ".csi", ".crai"));
    }
    List<String> out = new ArrayList<>();
    for (String index : indexesOfPlain) {
      out.add(index + C4GH);
    }
    if (encrypted) {
      for (String ext : extensions) {
        out.add(fileName + ext);
      }
    }
    out.addAll(indexesOfPlain);
    return out;
  }
}
