package io.github.c4gh.cli.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The commands {@code c4gh} knows, by name, in the order {@code c4gh --help} lists them (within
 * their {@link Command.Group}). Immutable. New commands (transfer: {@code put}, {@code get}, ...)
 * are added by listing an instance in {@link #standard()}.
 */
public final class CommandRegistry {
  private final Map<String, Command> commands;

  private CommandRegistry(Map<String, Command> commands) {
    this.commands = Collections.unmodifiableMap(commands);
  }

  /** The commands of the {@code c4gh} tool. */
  public static CommandRegistry standard() {
    return of(
        new KeygenCommand(),
        new EncryptCommand(),
        new DecryptCommand(),
        new ReencryptCommand(),
        new RearrangeCommand(),
        new InspectCommand(),
        new MbCommand(),
        new LsCommand(),
        new RmCommand(),
        new PutCommand(),
        new GetCommand(),
        new RekeyCommand(),
        new ViewCommand(),
        new WhoamiCommand(),
        new ShareCommand(),
        new RevokeCommand(),
        new SharesCommand(),
        new MakeSharedBucketCommand());
  }

  /**
   * A registry of these commands.
   *
   * @throws IllegalArgumentException if two commands have the same name
   */
  public static CommandRegistry of(Command... commands) {
    Map<String, Command> map = new LinkedHashMap<>();
    for (Command c : commands) {
      if (map.put(c.name(), c) != null) {
        throw new IllegalArgumentException("two commands are named " + c.name());
      }
    }
    return new CommandRegistry(map);
  }

  /** The command with this name. */
  public Optional<Command> find(String name) {
    return Optional.ofNullable(commands.get(name));
  }

  /** All commands, in listing order. */
  public Collection<Command> commands() {
    return commands.values();
  }
}
