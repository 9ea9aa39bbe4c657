/** JMH benchmarks. */
package io.github.c4gh.benchmarks;
