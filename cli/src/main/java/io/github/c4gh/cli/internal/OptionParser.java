package io.github.c4gh.cli.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the arguments after the command name against the command's {@link Option}s, GNU style:
 * {@code --name VALUE}, {@code --name=VALUE}, {@code -c VALUE}, {@code -cVALUE}, flags {@code -f} and
 * {@code --force}; {@code --} ends the options. {@code -h}/{@code --help} anywhere before {@code --}
 * asks for help (and then nothing else is checked). Errors are {@link UsageException}s.
 */
public final class OptionParser {
  private OptionParser() {}

  /** Parses {@code args} for {@code command}. */
  public static ParsedOptions parse(Command command, List<String> args) throws UsageException {
    Map<String, Option> byLong = new LinkedHashMap<>();
    Map<Character, Option> byShort = new LinkedHashMap<>();
    for (Option o : command.options()) {
      byLong.put(o.longName(), o);
      if (o.shortNameOrNull() != null) {
        byShort.put(o.shortNameOrNull(), o);
      }
    }
    for (String a : args) {
      if (a.equals("--")) {
        break;
      }
      if (a.equals("-h") || a.equals("--help")) {
        return new ParsedOptions(Map.of(), List.of(), true);
      }
    }

    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (optionsEnded || a.equals("-") || !a.startsWith("-")) {
        positionals.add(a);
        continue;
      }
      if (a.equals("--")) {
        optionsEnded = true;
        continue;
      }
      Option option;
      String inlineValue = null;
      String spelled;
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        spelled = "--" + name;
        option = byLong.get(name);
        if (option == null) {
          throw new UsageException("unknown option '" + spelled + "'");
        }
        if (eq >= 0) {
          inlineValue = a.substring(eq + 1);
          if (!option.takesValue()) {
            throw new UsageException("option '" + spelled + "' takes no value");
          }
        }
      } else {
        char c = a.charAt(1);
        spelled = "-" + c;
        option = byShort.get(c);
        if (option == null) {
          throw new UsageException("unknown option '" + a + "'");
        }
        if (a.length() > 2) {
          if (!option.takesValue()) {
            throw new UsageException("unknown option '" + a + "' (combine no flags; write them apart)");
          }
          inlineValue = a.substring(2);
        }
      }
      List<String> list = values.computeIfAbsent(option.longName(), k -> new ArrayList<>());
      if (!list.isEmpty() && !option.isRepeatable()) {
        throw new UsageException("option '" + option.displayName() + "' given more than once");
      }
      if (option.takesValue()) {
        String v = inlineValue;
        if (v == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("option '" + spelled + "' needs a value (" + option.valueNameOrNull() + ")");
          }
          v = args.get(++i);
        }
        list.add(v);
      } else {
        list.add("");
      }
    }

    for (Option o : command.options()) {
      if (o.isRequired() && !values.containsKey(o.longName())) {
        throw new UsageException("missing required option '" + o.synopsis() + "'");
      }
      if ("FILE".equals(o.valueNameOrNull())) {
        for (String v : values.getOrDefault(o.longName(), List.of())) {
          checkPath(o, v);
        }
      }
    }
    if (positionals.size() > command.positionals().size()) {
      String extra = positionals.get(command.positionals().size());
      throw new UsageException(command.positionals().isEmpty()
          ? "unexpected argument '" + extra + "' (this command takes options only)"
          : "unexpected extra argument '" + extra + "'");
    }
    if (positionals.size() < command.requiredPositionals()) {
      throw new UsageException("missing argument " + command.positionals().get(positionals.size()));
    }
    return new ParsedOptions(values, positionals, false);
  }

  private static void checkPath(Option o, String v) throws UsageException {
    if (v.isEmpty()) {
      throw new UsageException("option '" + o.displayName() + "' needs a file name, got an empty string");
    }
    try {
      Path.of(v);
    } catch (InvalidPathException e) {
      throw new UsageException("option '" + o.displayName() + "': invalid file name '" + v + "'");
    }
  }
}
