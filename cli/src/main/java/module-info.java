/**
 * The {@code c4gh} command line tool. Only the entry point package is exported; the commands are in
 * {@code io.github.c4gh.cli.internal}. The storage commands use the Allas client; the transfer
 * commands ({@code put}, {@code get}, {@code rekey}) the bridge, and {@code view} htsjdk through the
 * Crypt4GH adapter.
 */
module io.github.c4gh.cli {
  requires io.github.c4gh.crypt4gh;
  requires io.github.c4gh.allas;
  requires io.github.c4gh.bridge;
  requires io.github.c4gh.htsjdk;
  requires htsjdk;

  exports io.github.c4gh.cli;
}
