package io.github.c4gh.cli.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options and positional arguments of one command line, checked against its {@link Command}. */
public final class ParsedOptions {
  private final Map<String, List<String>> values;
  private final List<String> positionals;
  private final boolean helpRequested;

  ParsedOptions(Map<String, List<String>> values, List<String> positionals, boolean helpRequested) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    values.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.values = copy;
    this.positionals = List.copyOf(positionals);
    this.helpRequested = helpRequested;
  }

  /** Whether {@code -h} or {@code --help} was given. */
  public boolean helpRequested() {
    return helpRequested;
  }

  /** Whether the option (by long name) was given. */
  public boolean has(String longName) {
    return values.containsKey(longName);
  }

  /** The option's value, or null when it was not given (the last one for a repeatable option). */
  public String value(String longName) {
    List<String> v = values.get(longName);
    return v == null || v.isEmpty() ? null : v.get(v.size() - 1);
  }

  /** The option's value, or {@code fallback} when it was not given. */
  public String valueOr(String longName, String fallback) {
    String v = value(longName);
    return v == null ? fallback : v;
  }

  /** Every value of a repeatable option, in command-line order (empty when not given). */
  public List<String> values(String longName) {
    return values.getOrDefault(longName, List.of());
  }

  /** The option's value as a path, or null when it was not given. */
  public Path path(String longName) {
    String v = value(longName);
    return v == null ? null : Path.of(v);
  }

  /** Every value of a repeatable option as a path. */
  public List<Path> paths(String longName) {
    List<Path> out = new ArrayList<>();
    for (String v : values(longName)) {
      out.add(Path.of(v));
    }
    return out;
  }

  /** The positional arguments. */
  public List<String> positionals() {
    return positionals;
  }
}
