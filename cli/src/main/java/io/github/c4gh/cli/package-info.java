/**
 * The {@code c4gh} command line tool. {@link io.github.c4gh.cli.Main} is the entry point: {@code
 * main} for the process, {@code run} to drive a command in-process with given streams and
 * environment. The commands and their machinery live in the unexported package {@code
 * io.github.c4gh.cli.internal}.
 */
package io.github.c4gh.cli;
