/**
 * The {@code c4gh} command line tool. Only the entry point package is exported; the commands are in
 * {@code io.github.c4gh.cli.internal}. The storage commands use the Allas client; the transfer
 * commands will add the bridge.
 */
module io.github.c4gh.cli {
  requires io.github.c4gh.crypt4gh;
  requires io.github.c4gh.allas;

  exports io.github.c4gh.cli;
}
