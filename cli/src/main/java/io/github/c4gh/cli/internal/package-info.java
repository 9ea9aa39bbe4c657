/**
 * The commands of {@code c4gh} and their machinery; not an API (the module does not export it).
 *
 * <ul>
 *   <li>{@link io.github.c4gh.cli.internal.Command}: one sub-command, declaring its {@link
 *       io.github.c4gh.cli.internal.Option}s, help text and {@code run} method; one class per command
 *       ({@code KeygenCommand}, {@code EncryptCommand}, ...).
 *   <li>{@link io.github.c4gh.cli.internal.CommandRegistry#standard()}: the list of commands. Adding a
 *       command (say {@code put} for Allas uploads) means writing its class and adding one line there.
 *   <li>{@link io.github.c4gh.cli.internal.OptionParser}: the hand-written GNU-style parser; {@link
 *       io.github.c4gh.cli.internal.Help} generates usage lines and help pages from the declarations.
 *   <li>{@link io.github.c4gh.cli.internal.Cli}: dispatch and exit statuses (0, 1 with one line on
 *       stderr via {@link io.github.c4gh.cli.internal.Failures}, 2 for usage errors).
 *   <li>{@link io.github.c4gh.cli.internal.CliContext}: streams, environment and terminal; commands
 *       use nothing else from {@link java.lang.System}, so tests run them in-process.
 *   <li>{@code Input}, {@code Output}: {@code --in}/standard input, and {@code --out} written through
 *       a temporary file moved into place on success (never a partial file, no overwrite without
 *       {@code -f}), or standard output.
 *   <li>{@link io.github.c4gh.cli.internal.StorageCommand}: base of the storage commands ({@code mb},
 *       {@code ls}, {@code rm}, {@code whoami}, {@code share}, {@code revoke}, {@code shares},
 *       {@code make-shared-bucket}): {@code --endpoint} and {@code --profile}, a lazily created
 *       {@code AllasClient} ({@code StorageConnection}, configured from the context's environment and
 *       home directory), {@code BUCKET[/KEY]} arguments ({@code BucketPath}, with RGW's {@code
 *       <tenant>:<bucket>}), and the client's unchecked errors turned into one line ({@code
 *       StorageFailures}).
 * </ul>
 */
package io.github.c4gh.cli.internal;
