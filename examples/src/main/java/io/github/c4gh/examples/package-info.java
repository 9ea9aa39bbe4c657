/** Runnable examples of the SDK. */
package io.github.c4gh.examples;
