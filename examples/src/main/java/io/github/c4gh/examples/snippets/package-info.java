/**
 * The README's Java snippets, compiled; {@code ReadmeSnippetsTest} checks the README matches them.
 *
 * <pre>{@code
 * // README:<name> ... // END   marks one snippet in ReadmeSnippets.java
 * }</pre>
 */
package io.github.c4gh.examples.snippets;
