package io.github.c4gh.cli;

import static io.github.c4gh.cli.CliHarness.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.c4gh.cli.CliHarness.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageTest {
  private static final List<String> COMMANDS = List.of("keygen", "encrypt", "decrypt", "reencrypt", "rearrange", "inspect");

  @Test
  void version() {
    for (String flag : new String[] {"--version", "-V", "version"}) {
      Result r = run(flag).ok();
      assertTrue(r.out().matches("c4gh \\d+\\.\\d+\\.\\d+.*\\n"), r.out());
    }
  }

  @Test
  void generalHelpListsEverything() {
    for (String flag : new String[] {"--help", "-h", "help"}) {
      String out = run(flag).ok().out();
      for (String c : COMMANDS) {
        assertTrue(out.contains("\n  " + c + " "), c + " in " + out);
        assertTrue(out.contains("c4gh " + c + " "), c + " usage in " + out);
      }
      assertTrue(out.contains("C4GH_PASSPHRASE"), out);
      assertTrue(out.contains("END is exclusive"), out);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"keygen", "encrypt", "decrypt", "reencrypt", "rearrange", "inspect"})
  void commandHelp(String command) {
    String out = run(command, "--help").ok().out();
    assertTrue(out.startsWith("usage: c4gh " + command), out);
    assertTrue(out.contains("-h, --help"), out);
    assertEquals(out, run("help", command).ok().out());
    assertEquals(out, run(command, "--sk", "x", "-h").ok().out(), "help wins over other options");
    if (!command.equals("keygen") && !command.equals("inspect")) {
      assertTrue(out.contains("-f, --force"), out);
      assertTrue(out.contains("--out FILE"), out);
    }
    if (List.of("encrypt", "decrypt", "rearrange").contains(command)) {
      assertTrue(out.contains("--range START-END"), out);
      assertTrue(out.contains("END is exclusive"), out);
    }
  }

  @Test
  void usageErrorsExitWith2AndAUsageLine() {
    Result r = run();
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("usage: c4gh COMMAND"), r.stderr);

    r = run("frobnicate");
    assertEquals(2, r.status);
    assertEquals(List.of("c4gh: unknown command 'frobnicate'", "usage: c4gh COMMAND [OPTIONS]   (c4gh --help lists the commands)"), r.errLines());

    r = run("decrypt", "--sk", "k", "--bogus");
    assertEquals(2, r.status);
    assertEquals("c4gh: decrypt: unknown option '--bogus'", r.errLines().get(0));
    assertTrue(r.errLines().get(1).startsWith("usage: c4gh decrypt --sk FILE"), r.stderr);

    r = run("decrypt", "--sk");
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("option '--sk' needs a value"), r.stderr);

    r = run("decrypt", "--sk", "a", "--sk", "b");
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("given more than once"), r.stderr);

    r = run("decrypt", "--sk", "a", "stray");
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("unexpected argument 'stray'"), r.stderr);

    r = run("encrypt", "--in", "x");
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("missing required option '--recipient-pk FILE'"), r.stderr);

    r = run("reencrypt", "--trim=yes", "--sk", "a", "--recipient-pk", "b");
    assertEquals(2, r.status);
    assertTrue(r.stderr.contains("takes no value"), r.stderr);
  }

  @Test
  void optionSpellings() {
    // --name=value and -Cvalue are accepted; they reach the command (which then fails on the missing file)
    Result r = run("decrypt", "--sk=/nonexistent/k.sec", "--in=/nonexistent/x");
    assertEquals(1, r.status);
    assertTrue(r.stderr.contains("/nonexistent/x"), r.stderr);
  }
}
