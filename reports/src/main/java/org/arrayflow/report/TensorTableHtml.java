package org.arrayflow.report;

import org.arrayflow.result.LayerResult;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.result.TensorFigures;
import org.arrayflow.result.Traffic;
import org.arrayflow.tensor.Tensor;

/** The report page's table of datatypes and densities, for a run that states them. */
final class TensorTableHtml {
    private TensorTableHtml() {}

    /**
     * Each layer's datatypes and densities and what the architecture made of them: MACs skipped and gated, and
     * the DRAM bytes against what they would be stored dense, with the compressed formats' metadata.
     */
    static void append(StringBuilder h, NetworkResult r) {
        h.append("<h3>Datatypes and densities</h3>\n<p>Densities are the workload's stated inputs; the MACs skipped ")
                .append("and gated and the compressed bytes are what this architecture makes of them ")
                .append("(docs/precision.md).</p>\n<div class=\"wide\"><table class=\"sortable\">\n<thead><tr>")
                .append("<th>#</th><th>layer</th>");
        for (Tensor t : Tensor.values()) {
            h.append("<th>").append(t.label()).append("</th>");
        }
        h.append("<th>non-zero weights</th><th>MACs skipped</th><th>MACs gated</th><th>DRAM (kB)</th>")
                .append("<th>DRAM dense (kB)</th><th>DRAM metadata (kB)</th></tr></thead>\n<tbody>\n");
        for (LayerResult l : r.layers()) {
            long bytes = 0;
            long dense = 0;
            long meta = 0;
            for (Traffic t : l.traffic()) {
                if (t.level().equals("dram")) {
                    bytes += t.bytes();
                    dense += TensorFigures.uncompressedBytes(l, t);
                    meta += TensorFigures.metadataBytes(l, t);
                }
            }
            h.append("<tr>");
            Html.num(h, l.index());
            Html.td(h, l.name());
            for (Tensor t : Tensor.values()) {
                String d = TensorFigures.density(l, t);
                Html.td(h, TensorFigures.datatype(l, t) + (d.equals("1") ? "" : " @ " + d));
            }
            Html.num(h, TensorFigures.nonzeroWeights(l));
            Html.num(h, l.activity().skippedMacs());
            Html.num(h, l.activity().gatedMacs());
            Html.num(h, bytes / 1e3, Fmt.fixed(bytes / 1e3, 1));
            Html.num(h, dense / 1e3, Fmt.fixed(dense / 1e3, 1));
            Html.num(h, meta / 1e3, Fmt.fixed(meta / 1e3, 1));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }
}
