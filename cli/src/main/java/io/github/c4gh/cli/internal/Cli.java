package io.github.c4gh.cli.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs one {@code c4gh} invocation: finds the command, parses its options, runs it and turns every
 * outcome into an exit status (0 success, 1 failure with one line on stderr, 2 usage error).
 */
public final class Cli {
  private final CommandRegistry registry;
  private final CliContext context;
  private final String version;

  /** A runner for {@code registry} in {@code context}. */
  public Cli(CommandRegistry registry, CliContext context, String version) {
    this.registry = registry;
    this.context = context;
    this.version = version;
  }

  /** Runs the command line {@code args} and returns the exit status. */
  public int run(String[] args) {
    try {
      return dispatch(Arrays.asList(args));
    } finally {
      context.stdout().flush();
      context.stderr().flush();
    }
  }

  private int dispatch(List<String> args) {
    if (args.isEmpty()) {
      context.stderr().println(Help.PROGRAM + ": no command given");
      context.stderr().println(Help.generalUsage());
      return 2;
    }
    String first = args.get(0);
    switch (first) {
      case "-h":
      case "--help":
        context.stdout().print(Help.generalHelp(registry));
        return 0;
      case "help":
        if (args.size() > 1) {
          Optional<Command> c = registry.find(args.get(1));
          if (c.isPresent()) {
            context.stdout().print(Help.commandHelp(c.get()));
            return 0;
          }
          return unknownCommand(args.get(1));
        }
        context.stdout().print(Help.generalHelp(registry));
        return 0;
      case "-V":
      case "--version":
      case "version":
        context.stdout().println(Help.PROGRAM + " " + version);
        return 0;
      default:
        break;
    }
    Optional<Command> found = registry.find(first);
    if (found.isEmpty()) {
      return first.startsWith("-")
          ? usageError(null, "unknown option '" + first + "' (give a command first)")
          : unknownCommand(first);
    }
    Command command = found.get();
    ParsedOptions options;
    try {
      options = OptionParser.parse(command, args.subList(1, args.size()));
    } catch (UsageException e) {
      return usageError(command, e.getMessage());
    }
    if (options.helpRequested()) {
      context.stdout().print(Help.commandHelp(command));
      return 0;
    }
    try {
      return command.run(options, context);
    } catch (UsageException e) {
      return usageError(command, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return failure(command, e);
    }
  }

  private int unknownCommand(String name) {
    return usageError(null, "unknown command '" + name + "'");
  }

  private int usageError(Command command, String message) {
    String prefix = Help.PROGRAM + ": " + (command == null ? "" : command.name() + ": ");
    context.stderr().println(prefix + Failures.oneLine(message));
    context.stderr().println(command == null ? Help.generalUsage() : Help.usageLine(command));
    return 2;
  }

  private int failure(Command command, Throwable e) {
    context.stderr().println(Help.PROGRAM + ": " + command.name() + ": " + Failures.describe(e));
    if (context.debug()) {
      e.printStackTrace(context.stderr());
    }
    return 1;
  }
}
