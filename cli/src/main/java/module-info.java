/** The {@code c4gh} command line tool. */
module io.github.c4gh.cli {
  requires io.github.c4gh.crypt4gh;
  requires io.github.c4gh.bridge;

  exports io.github.c4gh.cli;
}
