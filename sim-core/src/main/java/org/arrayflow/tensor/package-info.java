/**
 * The tensors of a layer ({@link Tensor}), their datatypes ({@link Datatype}: arithmetic and storage bits,
 * sub-byte types pack) and densities ({@link Density}: a fraction or N:M), what a workload states for each
 * ({@link TensorSpecs}), and the datatypes in force for one layer on one architecture ({@link Precision}),
 * through which every size in bytes is computed.
 *
 * <p>Depends on: nothing in Arrayflow.
 */
package org.arrayflow.tensor;
