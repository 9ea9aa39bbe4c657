package io.github.c4gh.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Java snippets are the compiled ones in {@code ReadmeSnippets}, verbatim up to whitespace. */
class ReadmeSnippetsTest {
  static final Path SNIPPETS = Path.of("src/main/java/io/github/c4gh/examples/snippets/ReadmeSnippets.java");
  static final Path README = Path.of("../README.md");

  static Map<String, String> snippets() throws IOException {
    Map<String, String> blocks = new LinkedHashMap<>();
    String name = null;
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(SNIPPETS)) {
      String t = line.strip();
      if (t.startsWith("// README:")) {
        name = t.substring("// README:".length());
        lines.clear();
      } else if (t.equals("// END") && name != null) {
        blocks.put(name, String.join("\n", lines));
        name = null;
      } else if (name != null) {
        lines.add(line);
      }
    }
    return blocks;
  }

  static String normalise(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  @Test
  void everySnippetIsInTheReadme() throws IOException {
    Map<String, String> blocks = snippets();
    assertTrue(blocks.size() >= 8, "found only " + blocks.keySet());
    String readme = normalise(Files.readString(README));
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> e : blocks.entrySet()) {
      if (!readme.contains(normalise(e.getValue()))) {
        missing.add(e.getKey());
      }
    }
    assertTrue(missing.isEmpty(), "README.md lacks these snippets of ReadmeSnippets.java (copy them over): " + missing);
  }

  @Test
  void theReadmeNamesTheTwoCommandsAndTheBenchmarks() throws IOException {
    String readme = Files.readString(README);
    assertTrue(readme.contains("scripts/demo.sh"));
    assertTrue(readme.contains("scripts/test.sh"));
    assertTrue(readme.contains("benchmarks/README.md"));
    assertTrue(readme.contains("allas-crypt4gh-bom"));
  }
}
