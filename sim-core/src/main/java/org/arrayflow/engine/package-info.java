/**
 * The discrete-event engine: a {@link TileProgram} of tasks on servers (units that run one task at a time,
 * links that move bytes over channels), issued in order on queues, with dependencies, capacity-limited buffers
 * and access counters; {@link Engine} executes it and measures time. Nothing else in the simulator adds up
 * time.
 *
 * <p>Depends on: nothing in Arrayflow.
 */
package org.arrayflow.engine;
