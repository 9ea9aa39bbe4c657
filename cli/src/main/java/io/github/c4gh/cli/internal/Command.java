package io.github.c4gh.cli.internal;

import java.io.IOException;
import java.util.List;

/**
 * One {@code c4gh} sub-command. A command declares its options and help text; the {@link
 * OptionParser} checks the arguments against them before {@link #run} is called, and {@link Help}
 * prints usage and help from them. To add a command, implement this interface in its own class and
 * list it in {@link CommandRegistry#standard()}.
 *
 * <p>{@link #run} reports failures by throwing: a {@link CliException} (or any {@link IOException},
 * which {@link Failures} turns into one line) makes {@code c4gh} exit with status 1; a {@link
 * UsageException} makes it print the usage line and exit with status 2.
 *
 * <pre>{@code
 * final class HelloCommand implements Command {
 *   public String name() { return "hello"; }
 *   public String summary() { return "print a greeting"; }
 *   public List<Option> options() { return List.of(Option.value("name", "NAME", "who to greet")); }
 *   public int run(ParsedOptions options, CliContext context) {
 *     context.stdout().println("hello " + options.valueOr("name", "world"));
 *     return 0;
 *   }
 * }
 * }</pre>
 */
public interface Command {
  /** The name typed after {@code c4gh}. */
  String name();

  /** One line for the command list of {@code c4gh --help}. */
  String summary();

  /** The options, in the order help lists them ({@code -h/--help} is implicit). */
  List<Option> options();

  /**
   * Names of positional arguments for the usage line ({@code SOURCE DEST}); none by default. The
   * first {@link #requiredPositionals()} must be given; the rest are optional (write their names in
   * brackets, {@code [BUCKET[/PREFIX]]}).
   */
  default List<String> positionals() {
    return List.of();
  }

  /** How many of the {@link #positionals()} must be given: all of them by default. */
  default int requiredPositionals() {
    return positionals().size();
  }

  /**
   * Options of which exactly one must be given, shown as {@code (--read | --write)} in the usage
   * line; none by default. The command checks this itself in {@link #run}.
   */
  default List<Option> oneOfRequired() {
    return List.of();
  }

  /** Which part of {@code c4gh --help} lists the command: the codec commands by default. */
  default Group group() {
    return Group.CODEC;
  }

  /** Paragraphs printed after the option table of the command's help; may be empty. */
  default String details() {
    return "";
  }

  /**
   * Runs the command.
   *
   * @return the exit status (0 for success)
   * @throws UsageException for arguments that parse but do not make sense together
   * @throws IOException for any failure; the message becomes the one line printed on stderr
   */
  int run(ParsedOptions options, CliContext context) throws IOException, UsageException;

  /** The groups {@code c4gh --help} lists commands in, in this order. */
  enum Group {
    /** Local Crypt4GH files: keys, encryption, decryption. */
    CODEC("codec commands (Crypt4GH files and keys)"),
    /** Buckets, objects and sharing in Allas (or another S3 server). */
    STORAGE("storage commands (CSC Allas or another S3 server)");

    private final String heading;

    Group(String heading) {
      this.heading = heading;
    }

    /** The heading of the group in {@code c4gh --help}. */
    public String heading() {
      return heading;
    }
  }
}
