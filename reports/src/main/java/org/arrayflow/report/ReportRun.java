package org.arrayflow.report;

import org.arrayflow.result.NetworkResult;

/**
 * One (architecture, workload) pair of a report: its result, the architecture's facts, the inputs as
 * given, and a label unique within the report (also its folder name in a compare report).
 */
public record ReportRun(String label, NetworkResult result, ArchFacts arch, ResultJson.Inputs inputs) {

    /** A label made only of characters safe in file names and HTML ids. */
    public static String label(String arch, String workload) {
        return (arch + "__" + workload).replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
