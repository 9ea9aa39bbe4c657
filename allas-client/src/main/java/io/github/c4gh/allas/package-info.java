/** The Allas S3 client API. */
package io.github.c4gh.allas;
