package org.arrayflow.study.isca16;

/** The best mapping of one dataflow for one layer, with its access counts (all groups). */
public record Evaluation(String dataflow, String mapping, AccessCounts counts, long candidates) {}
