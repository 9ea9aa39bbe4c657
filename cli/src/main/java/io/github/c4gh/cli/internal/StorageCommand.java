package io.github.c4gh.cli.internal;

import io.github.c4gh.allas.Access;
import io.github.c4gh.allas.AllasException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Base of the storage commands ({@code mb}, {@code ls}, {@code rm}, {@code whoami}, {@code share},
 * ...): adds {@code --endpoint} and {@code --profile} to the command's own options, connects lazily
 * through a {@link StorageConnection} and turns the S3 client's unchecked {@link AllasException}s
 * into the one line {@code c4gh} prints (exit status 1).
 *
 * <pre>{@code
 * final class WhoamiCommand extends StorageCommand {
 *   public String name() { return "whoami"; }
 *   public String summary() { return "print the project id of the S3 credentials"; }
 *   int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException {
 *     context.stdout().println(storage.client().projectId());
 *     return 0;
 *   }
 * }
 * }</pre>
 */
abstract class StorageCommand implements Command {
  static final Option ENDPOINT = Option.value("endpoint", "URL",
      "the S3 endpoint, for example https://a3s.fi or http://127.0.0.1:7480 (instead of AWS_ENDPOINT_URL or the files)");
  static final Option PROFILE = Option.value("profile", "NAME",
      "use the keys of this profile in ~/.aws/credentials or ~/.aws/config (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
          + "are then ignored)");

  private static final Pattern PROJECT_ID = Pattern.compile("[0-9a-fA-F]{32}");
  private static final Pattern PROJECT_NAME = Pattern.compile("(?i)project_\\d+");

  @Override
  public final Group group() {
    return Group.STORAGE;
  }

  /** The command's own options; {@code --endpoint} and {@code --profile} follow them. */
  List<Option> commandOptions() {
    return List.of();
  }

  /** The command's own help paragraph; the connection paragraph follows it. */
  abstract String commandDetails();

  /**
   * Runs the command. Validate arguments before the first {@link StorageConnection#client()}, so
   * that a wrong argument fails without credentials or network.
   */
  abstract int execute(ParsedOptions options, CliContext context, StorageConnection storage) throws IOException, UsageException;

  @Override
  public final List<Option> options() {
    List<Option> all = new ArrayList<>(commandOptions());
    all.add(ENDPOINT);
    all.add(PROFILE);
    return List.copyOf(all);
  }

  @Override
  public final String details() {
    return commandDetails() + "\n\n" + Help.STORAGE_CONNECTION_HELP;
  }

  @Override
  public final int run(ParsedOptions options, CliContext context) throws IOException, UsageException {
    StorageConnection storage = StorageConnection.of(options, context);
    try {
      return execute(options, context, storage);
    } catch (AllasException e) {
      throw StorageFailures.describe(e, storage);
    } finally {
      storage.close();
    }
  }

  /**
   * Text from the server (keys, bucket names) made safe for one line of a terminal: control
   * characters become {@code \xNN}.
   */
  static String printable(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c)) {
        if (b == null) {
          b = new StringBuilder(s.length() + 8).append(s, 0, i);
        }
        b.append(String.format("\\x%02x", (int) c));
      } else if (b != null) {
        b.append(c);
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * Checks a {@code PROJECT_ID} argument: over S3 a project is its 32-hex project id, never its
   * name.
   *
   * @return the id in lower case
   * @throws CliException for a project name or anything else that is not a project id
   */
  static String projectIdArgument(String argument) throws CliException {
    String t = argument.strip();
    if (PROJECT_ID.matcher(t).matches()) {
      return t.toLowerCase(Locale.ROOT);
    }
    if (PROJECT_NAME.matcher(t).matches()) {
      throw new CliException(t + " is a project name; S3 needs the 32-hex project id (the Share ID in CSC's web interface)");
    }
    throw new CliException("'" + t + "' is not a project id; S3 needs the 32-hex project id (the Share ID in CSC's web interface)");
  }

  /** How an access reads on the command line and in listings: {@code read}, {@code write}, {@code read-write}. */
  static String accessName(Access access) {
    return access.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
