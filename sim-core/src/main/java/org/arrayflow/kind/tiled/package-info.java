/**
 * The tiled-fusion kind ({@code type: tiled-fusion}): Zhang-style loop-tiled FPGA engines (Tm x Tn MACs,
 * double-buffered BRAM tiles) with a tiling search over the network, and fused groups run as pyramids built
 * from {@link org.arrayflow.fusion}. Its plug-in is {@link TiledFusionKind}.
 *
 * <p>Depends on: arch, config, dataflow, energy, engine, fusion, tensor, workload.
 */
package org.arrayflow.kind.tiled;
