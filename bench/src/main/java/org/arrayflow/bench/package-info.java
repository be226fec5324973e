/**
 * JMH benchmarks, built with -Pbench only: whole-network simulations and a sweep, inputs parsed outside the
 * measured region.
 *
 * <p>Depends on: anything.
 */
package org.arrayflow.bench;
