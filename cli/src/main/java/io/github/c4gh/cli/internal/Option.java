package io.github.c4gh.cli.internal;

import java.util.Objects;

/**
 * One command-line option of a {@link Command}: a long name ({@code --sk}), an optional one-letter
 * short name ({@code -f}), and either no value (a flag) or one value per occurrence. Immutable.
 *
 * <pre>{@code
 * Option sk = Option.value("sk", "FILE", "the secret key file").required();
 * Option force = Option.flag("force", "replace an existing output file").shortName('f');
 * }</pre>
 */
public final class Option {
  private final String longName;
  private final Character shortName;
  private final String valueName;
  private final boolean required;
  private final boolean repeatable;
  private final String help;

  private Option(String longName, Character shortName, String valueName, boolean required, boolean repeatable, String help) {
    this.longName = Objects.requireNonNull(longName, "longName");
    this.shortName = shortName;
    this.valueName = valueName;
    this.required = required;
    this.repeatable = repeatable;
    this.help = Objects.requireNonNull(help, "help");
    if (longName.isEmpty() || longName.startsWith("-")) {
      throw new IllegalArgumentException("long option names are given without dashes: " + longName);
    }
  }

  /** An option without a value ({@code --trim}). */
  public static Option flag(String longName, String help) {
    return new Option(longName, null, null, false, false, help);
  }

  /** An option that takes one value ({@code --sk FILE} or {@code --sk=FILE}). */
  public static Option value(String longName, String valueName, String help) {
    return new Option(longName, null, Objects.requireNonNull(valueName, "valueName"), false, false, help);
  }

  /** A copy that also answers to {@code -c}. */
  public Option shortName(char c) {
    return new Option(longName, c, valueName, required, repeatable, help);
  }

  /** A copy that must be given at least once. */
  public Option required() {
    return new Option(longName, shortName, valueName, true, repeatable, help);
  }

  /** A copy that may be given more than once (values are collected in order). */
  public Option repeatable() {
    if (valueName == null) {
      throw new IllegalStateException("only options with a value can repeat");
    }
    return new Option(longName, shortName, valueName, required, true, help);
  }

  /** The long name, without dashes. */
  public String longName() {
    return longName;
  }

  /** The one-letter name, or null. */
  public Character shortNameOrNull() {
    return shortName;
  }

  /** The value placeholder ({@code FILE}), or null for a flag. */
  public String valueNameOrNull() {
    return valueName;
  }

  /** Whether the option takes a value. */
  public boolean takesValue() {
    return valueName != null;
  }

  /** Whether the option must be given. */
  public boolean isRequired() {
    return required;
  }

  /** Whether the option may be given more than once. */
  public boolean isRepeatable() {
    return repeatable;
  }

  /** The help text. */
  public String help() {
    return help;
  }

  /** How the option is written in messages: {@code --sk} or {@code -f/--force}. */
  public String displayName() {
    return shortName == null ? "--" + longName : "-" + shortName + "/--" + longName;
  }

  /** {@code --sk FILE} (the preferred spelling with its value). */
  String synopsis() {
    String name = shortName != null ? "-" + shortName : "--" + longName;
    return valueName == null ? name : name + " " + valueName;
  }

  /** The option as it appears in a usage line. */
  String usageFragment() {
    String s = synopsis();
    String once = required ? s : "[" + s + "]";
    return repeatable ? once + " [" + s + " ...]" : once;
  }

  /** The left column of the option table: {@code -f, --force} or {@code --sk FILE}. */
  String tableLabel() {
    String names = (shortName != null ? "-" + shortName + ", " : "    ") + "--" + longName;
    return valueName == null ? names : names + " " + valueName;
  }
}
