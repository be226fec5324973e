/**
 * The compression study ({@code arrayflow reproduce compression}): one network on one architecture in steps
 * from dense fp16 through int8 and Han et al.'s pruning to 2:4 sparsity, each step a list of transforms.
 *
 * <p>Depends on: arch, config, pipeline, result, transform, workload.
 */
package org.arrayflow.study.compression;
