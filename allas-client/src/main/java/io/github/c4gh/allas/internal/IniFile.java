package io.github.c4gh.allas.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A lenient reader of the INI-like files that hold S3 settings: {@code ~/.aws/credentials}, {@code
 * ~/.aws/config} and {@code ~/.s3cfg}.
 *
 * <p>Accepted: {@code [section]} headers; {@code key = value} and {@code key=value} lines; an
 * optional {@code export } prefix and surrounding quotes on values (CSC's {@code allas-conf} has
 * written {@code AWS_ACCESS_KEY_ID=...} lines); comment lines starting with {@code #} or {@code ;};
 * indented {@code key = value} lines under a key with an empty value ({@code s3 =} in {@code
 * ~/.aws/config}), stored as {@code parent.key}. Keys are case-insensitive (stored in lower case).
 * Lines before any header belong to the section {@code default}. A later value for the same key in
 * the same section replaces an earlier one.
 */
final class IniFile {
  private final Path path;
  private final Map<String, Map<String, String>> sections;

  private IniFile(Path path, Map<String, Map<String, String>> sections) {
    this.path = path;
    this.sections = sections;
  }

  /** Reads the file, or returns empty if it does not exist or is not a regular file. */
  static Optional<IniFile> read(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    return Optional.of(parse(path, Files.readAllLines(path, StandardCharsets.UTF_8)));
  }

  static IniFile parse(Path path, List<String> lines) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    String section = "default";
    String parentKey = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        section = line.substring(1, line.length() - 1).strip();
        sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
        parentKey = null;
        continue;
      }
      boolean indented = Character.isWhitespace(raw.charAt(0));
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String value = unquote(line.substring(eq + 1).strip());
      Map<String, String> props = sections.computeIfAbsent(section, k -> new LinkedHashMap<>());
      if (indented && parentKey != null) {
        props.put(parentKey + "." + key, value);
        continue;
      }
      props.put(key, value);
      parentKey = value.isEmpty() ? key : null;
    }
    return new IniFile(path, sections);
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }

  Path path() {
    return path;
  }

  boolean hasSection(String name) {
    return sections.containsKey(name);
  }

  /** A property of a section, if present and not empty. */
  Optional<String> get(String section, String key) {
    Map<String, String> props = sections.get(section);
    if (props == null) {
      return Optional.empty();
    }
    String v = props.get(key.toLowerCase(Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }
}
