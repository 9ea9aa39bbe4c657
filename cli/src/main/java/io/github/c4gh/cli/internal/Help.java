package io.github.c4gh.cli.internal;

import java.util.ArrayList;
import java.util.List;

/** Usage lines and help pages, generated from the commands' declarations. */
public final class Help {
  static final String PROGRAM = "c4gh";
  private static final int WIDTH = 100;
  private static final int LABEL_WIDTH = 30;

  private Help() {}

  /** {@code usage: c4gh decrypt --sk FILE [--sender-pk FILE] ...}, on one line. */
  public static String usageLine(Command c) {
    return "usage: " + String.join(" ", usageFragments(c));
  }

  private static List<String> usageFragments(Command c) {
    List<String> parts = new ArrayList<>();
    parts.add(PROGRAM + " " + c.name());
    List<Option> oneOf = c.oneOfRequired();
    for (Option o : c.options()) {
      if (oneOf.contains(o)) {
        if (o == oneOf.get(0)) {
          List<String> names = new ArrayList<>();
          oneOf.forEach(x -> names.add(x.synopsis()));
          parts.add("(" + String.join(" | ", names) + ")");
        }
      } else {
        parts.add(o.usageFragment());
      }
    }
    parts.addAll(c.positionals());
    return parts;
  }

  /** The usage fragments of {@code c} wrapped at the page width, never inside a fragment. */
  private static String wrappedUsage(Command c, String indent, String hanging) {
    StringBuilder b = new StringBuilder(indent);
    int lineLength = indent.length();
    boolean first = true;
    for (String part : usageFragments(c)) {
      if (!first && lineLength + 1 + part.length() > WIDTH) {
        b.append('\n').append(hanging);
        lineLength = hanging.length();
      } else if (!first) {
        b.append(' ');
        lineLength++;
      }
      b.append(part);
      lineLength += part.length();
      first = false;
    }
    return b.toString();
  }

  /** The general usage line. */
  public static String generalUsage() {
    return "usage: " + PROGRAM + " COMMAND [OPTIONS]   (" + PROGRAM + " --help lists the commands)";
  }

  /** The help page of one command. */
  public static String commandHelp(Command c) {
    StringBuilder b = new StringBuilder();
    b.append(wrappedUsage(c, "usage: ", "         ")).append("\n\n");
    b.append(wrap(capitalize(c.summary()) + ".", 0)).append("\n\n");
    b.append("options:\n");
    for (Option o : c.options()) {
      String help = o.help() + (o.isRequired() ? " (required" + (o.isRepeatable() ? ", repeatable" : "") + ")"
          : o.isRepeatable() ? " (repeatable)" : "");
      b.append(row(o.tableLabel(), help));
    }
    b.append(row("-h, --help", "show this help"));
    if (!c.details().isEmpty()) {
      b.append('\n').append(wrap(c.details(), 0)).append('\n');
    }
    b.append('\n').append(environment(c.group()));
    return b.toString();
  }

  /** {@code c4gh --help}: every command with its summary and usage line, grouped. */
  public static String generalHelp(CommandRegistry registry) {
    StringBuilder b = new StringBuilder();
    b.append(generalUsage()).append("\n\n");
    b.append("Crypt4GH encryption and decryption (GA4GH Crypt4GH v1), and buckets, listings and sharing in CSC Allas (S3).\n");
    for (Command.Group g : Command.Group.values()) {
      List<Command> commands = inGroup(registry, g);
      if (commands.isEmpty()) {
        continue;
      }
      b.append('\n').append(g.heading()).append(":\n");
      for (Command c : commands) {
        b.append(row(c.name(), c.summary()));
      }
    }
    b.append("\nusage of each command (" + PROGRAM + " COMMAND --help shows its options):\n");
    for (Command.Group g : Command.Group.values()) {
      for (Command c : inGroup(registry, g)) {
        b.append(wrappedUsage(c, "  ", "      ")).append('\n');
      }
    }
    b.append("\n").append(wrap("Codec commands: without --in a command reads standard input; without --out it writes "
        + "standard output. A range START-END means plaintext bytes [START, END): END is exclusive. Output files are "
        + "written to a temporary file and moved into place only on success; an existing --out file is replaced only "
        + "with -f/--force.", 0)).append("\n\n");
    b.append(wrap(STORAGE_CONNECTION_HELP, 0)).append("\n\n");
    b.append("other options:\n");
    b.append(row("-h, --help", "show this help"));
    b.append(row("-V, --version", "print the version"));
    b.append('\n').append(environment(null));
    b.append("\nexit status: 0 success, 1 failure (one line on stderr), 2 usage error\n");
    return b.toString();
  }

  /** How the storage commands connect, and how buckets are named; for the general and each storage command's help. */
  static final String STORAGE_CONNECTION_HELP = "Storage commands take the S3 endpoint and keys from the first place "
      + "that has them: --endpoint; the environment (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL_S3 "
      + "or AWS_ENDPOINT_URL); ~/.aws/credentials and ~/.aws/config (the profile named by --profile, else AWS_PROFILE, "
      + "else default); ~/.s3cfg; for keys, last, the AWS SDK's default credentials chain. CSC's allas-conf writes "
      + "these files. The endpoint defaults to Allas, https://a3s.fi. On a Ceph RGW with tenants a BUCKET of another "
      + "project is written <owner-project-id>:<bucket>; s3://BUCKET/KEY is accepted too. Secret keys are never printed.";

  private static List<Command> inGroup(CommandRegistry registry, Command.Group group) {
    List<Command> out = new ArrayList<>();
    for (Command c : registry.commands()) {
      if (c.group() == group) {
        out.add(c);
      }
    }
    return out;
  }

  /** The environment variables a command (or, for null, any command) reads. */
  private static String environment(Command.Group group) {
    StringBuilder b = new StringBuilder("environment:\n");
    if (group == null || group == Command.Group.CODEC) {
      b.append(row(CliContext.PASSPHRASE_ENV, "passphrase of encrypted secret key files, and of new keys for keygen "
          + "(otherwise asked for on the terminal without echo)"));
    }
    if (group == null || group == Command.Group.STORAGE) {
      b.append(row("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY", "S3 keys (AWS_SESSION_TOKEN too, if set); ignored with --profile"));
      b.append(row("AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL", "S3 endpoint (else ~/.aws/config endpoint_url, ~/.s3cfg host_base, "
          + "https://a3s.fi)"));
      b.append(row("AWS_PROFILE", "the profile of ~/.aws/credentials and ~/.aws/config (when --profile is not given)"));
      b.append(row("AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, S3CMD_CONFIG", "other places for those files"));
    }
    b.append(row(CliContext.DEBUG_ENV + "=1", "add stack traces to error messages"));
    b.append(row("JAVA_HOME, JAVA_OPTS", "the Java runtime and its options (bin/c4gh)"));
    return b.toString();
  }

  private static String row(String label, String text) {
    String padded = label.length() < LABEL_WIDTH - 2 ? pad("  " + label, LABEL_WIDTH) : null;
    StringBuilder b = new StringBuilder();
    List<String> lines = lines(text, WIDTH - LABEL_WIDTH);
    if (padded == null) {
      b.append("  ").append(label).append('\n');
      padded = " ".repeat(LABEL_WIDTH);
    }
    for (int i = 0; i < lines.size(); i++) {
      b.append(i == 0 ? padded : " ".repeat(LABEL_WIDTH)).append(lines.get(i)).append('\n');
    }
    return b.toString();
  }

  /** Wraps text at the page width; a blank line ({@code "\n\n"}) separates paragraphs. */
  private static String wrap(String text, int indent) {
    List<String> paragraphs = new ArrayList<>();
    for (String p : text.split("\n\n")) {
      paragraphs.add(String.join("\n", indentAll(lines(p.replace('\n', ' ').strip(), WIDTH - indent), indent)));
    }
    return String.join("\n\n", paragraphs);
  }

  private static List<String> indentAll(List<String> lines, int indent) {
    List<String> out = new ArrayList<>();
    for (String l : lines) {
      out.add(" ".repeat(indent) + l);
    }
    return out;
  }

  private static List<String> lines(String text, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" +")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        out.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
