package org.arrayflow.cli;

import org.arrayflow.config.EditDistance;
import org.arrayflow.io.OutputFiles;
import org.arrayflow.kind.rowstationary.RowStationaryArch;
import org.arrayflow.report.CompressionReport;
import org.arrayflow.report.DataflowComparisonReport;
import org.arrayflow.report.TpuWhatIfReport;
import org.arrayflow.study.compression.CompressionStudy;
import org.arrayflow.study.isca16.AreaModel;
import org.arrayflow.study.isca16.ComparedDataflow;
import org.arrayflow.study.isca16.EyerissComparison;
import org.arrayflow.study.isca16.WeightStationary;
import org.arrayflow.study.tpu.TpuWhatIf;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code arrayflow reproduce eyeriss-isca16}: the ISCA 2016 dataflow comparison (WS, OSA, OSB, OSC, NLR,
 * RS on 256 PEs at equal storage area) on AlexNet at batches 1, 16 and 64; writes comparison.csv, the
 * normalised energy charts and summary.md. {@code arrayflow reproduce compression}: AlexNet and VGG-16 on
 * eyeriss-v1, tpu-v1 and fpga-vc707-zhang15 in compression steps (dense fp16, int8, Han's pruning, pruned int8,
 * 2:4 int8);
 * writes compression.csv, a chart per chip and network and summary.md. {@code arrayflow reproduce tpu-whatif}: the
 * ISCA 2017 section 7 design study on the six TPU stand-ins ({@code --arch}, default tpu-v1); writes whatif.csv,
 * figure11, tpu_prime and summary.md.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Reproduce a published study. Targets: eyeriss-isca16, compression, tpu-whatif.")
final class ReproduceCommand implements java.util.concurrent.Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "What to reproduce: eyeriss-isca16 (the ISCA 2016 dataflow comparison) or "
            + "compression (AlexNet and VGG-16 on eyeriss-v1, tpu-v1 and fpga-vc707-zhang15, dense fp16 -> int8 -> "
            + "pruned -> pruned int8 -> 2:4 int8) or tpu-whatif (Jouppi et al.'s ISCA 2017 design what-ifs on the six "
            + "TPU stand-ins).")
    String target;

    @Option(names = "--arch", description = "tpu-whatif: the systolic chip to vary (default: tpu-v1).")
    String arch;

    @Option(names = "--out", description = "Output folder (default: out/TARGET).")
    Path out;

    @Option(names = "--batch", split = ",", description = "eyeriss-isca16: batch sizes (default: 1,16,64).")
    List<Integer> batches;

    @Option(names = "--rf-area-ratio", defaultValue = "1.6",
            description = "eyeriss-isca16: area of one RF byte in global-buffer bytes (default: ${DEFAULT-VALUE}, implied by the ISCA 2016 "
                    + "text; 3.75 is the Eyeriss chip's, JSSC 2017).")
    double ratio;

    @Option(names = "--word-bits", defaultValue = "16",
            description = "eyeriss-isca16: bits of every word, 8, 16 or 32 (default: ${DEFAULT-VALUE}, the paper's): the "
                    + "same storage area holds more narrow words, and each access and MAC costs its width.")
    int wordBits;

    @Override
    public Integer call() throws IOException {
        List<String> targets = List.of("eyeriss-isca16", "compression", "tpu-whatif");
        if (!targets.contains(target)) {
            String near = targets.stream().filter(t -> EditDistance.between(t, target) <= 2 || t.startsWith(target)).findFirst()
                    .map(t -> "; did you mean '" + t + "'?").orElse("");
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown reproduction target '"
                    + target + "'" + near + " (known: " + String.join(", ", targets) + ")");
        }
        if (out == null) {
            out = Path.of("out", target);
        }
        if (arch != null && !target.equals("tpu-whatif")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--arch is for tpu-whatif");
        }
        if (target.equals("compression")) {
            return compression();
        }
        if (target.equals("tpu-whatif")) {
            return tpuWhatIf();
        }
        OptionChecks.positive(spec, "--rf-area-ratio", ratio);
        OutputPaths.checkFolder(spec, "--out", out);
        List<Integer> bs = batches == null ? List.of(1, 16, 64) : batches;
        for (int b : bs) {
            OptionChecks.atLeastOne(spec, "--batch", b);
        }
        int main = bs.contains(16) ? 16 : bs.get(0);
        long t0 = System.nanoTime();
        if (wordBits != 8 && wordBits != 16 && wordBits != 32) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--word-bits must be 8, 16 or 32, not "
                    + wordBits);
        }
        AreaModel area = AreaModel.isca16(ratio);
        RowStationaryArch rs;
        try {
            rs = EyerissComparison.arch(wordBits, area);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--word-bits " + wordBits + ": "
                    + e.getMessage());
        }
        List<EyerissComparison.Row> rows = new ArrayList<>();
        for (int b : bs) {
            rows.addAll(EyerissComparison.run(rs, area, WorkloadLoader.load("alexnet-eyeriss", b)));
        }
        OutputPaths.createFolder(spec, "--out", out);
        DataflowComparisonReport.writeCsv(rows, out.resolve("comparison.csv"));
        for (int b : bs) {
            DataflowComparisonReport.writeChart(rows, b, out, "energy_per_op_batch" + b);
            DataflowComparisonReport.writeDramChart(rows, b, out, "dram_per_op_batch" + b);
        }
        Map<String, Long> glb = new LinkedHashMap<>();
        for (ComparedDataflow d : EyerissComparison.dataflows(rs)) {
            glb.put(d.name(), area.glbBytes(d.rfBytesPerPe(wordBits), wordBits));
        }
        String summary = DataflowComparisonReport.summary(rows, bs, main, area.source(), glb);
        // Two sensitivities at the main batch, against the main run's RS: the other defensible area ratio,
        // and a WS that also chains psums across the channels it holds (TPU-style).
        Network mainNet = WorkloadLoader.load("alexnet-eyeriss", main);
        double other = ratio == AreaModel.ISCA16_IMPLIED_RATIO ? AreaModel.JSSC17_RATIO : AreaModel.ISCA16_IMPLIED_RATIO;
        AreaModel alt = AreaModel.isca16(other);
        // at 16 bits RS's RF is the baseline, so the other ratio leaves it the same buffer; at other widths it does not
        List<EyerissComparison.Row> altRows = wordBits == 16 ? EyerissComparison.againstRs(rs, alt, mainNet,
                EyerissComparison.blockedDataflows(), rows)
                : EyerissComparison.run(EyerissComparison.arch(wordBits, alt), alt, mainNet);
        summary += DataflowComparisonReport.sensitivity(altRows, main, alt.source());
        summary += DataflowComparisonReport.wsVariant(EyerissComparison.againstRs(rs, area, mainNet,
                List.of(new WeightStationary(WeightStationary.Variant.CHANNEL_CHAINED)), rows), main);
        return finish(summary, "comparison.csv, summary.md, energy_per_op_batch*, dram_per_op_batch* .png/.svg", t0);
    }

    private int compression() throws IOException {
        if (wordBits != 16) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--word-bits is for eyeriss-isca16");
        }
        if (batches != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch is for eyeriss-isca16; the compression study runs at batch 1");
        }
        OutputPaths.checkFolder(spec, "--out", out);
        long t0 = System.nanoTime();
        List<CompressionStudy.Point> points = CompressionStudy.run(CompressionStudy.ARCHS, CompressionStudy.WORKLOADS);
        OutputPaths.createFolder(spec, "--out", out);
        CompressionReport.writeCsv(points, out.resolve("compression.csv"));
        List<String> charts = CompressionReport.writeCharts(points, out);
        String summary = CompressionReport.summary(points, charts);
        return finish(summary, "compression.csv, summary.md, " + charts.size() + " charts .png/.svg", t0);
    }

    private int tpuWhatIf() throws IOException {
        if (wordBits != 16) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--word-bits is for eyeriss-isca16");
        }
        if (batches != null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--batch is for eyeriss-isca16; the TPU stand-ins run at their own batches");
        }
        OutputPaths.checkFolder(spec, "--out", out);
        long t0 = System.nanoTime();
        TpuWhatIf study = new TpuWhatIf(arch == null ? "tpu-v1" : arch);
        List<TpuWhatIf.Point> fig11 = study.figure11().stream().map(study::run).toList();
        List<TpuWhatIf.Point> prime = study.tpuPrime().stream().map(study::run).toList();
        double[] frag = {study.fragmentationMicros(1), study.fragmentationMicros(2)};
        OutputPaths.createFolder(spec, "--out", out);
        List<TpuWhatIf.Point> all = new ArrayList<>(fig11);
        all.addAll(prime);
        TpuWhatIfReport.writeCsv(all, out.resolve("whatif.csv"));
        TpuWhatIfReport.writeFigure11(fig11, study.arch(), out);
        TpuWhatIfReport.writeTpuPrime(prime, study.arch(), out);
        String summary = TpuWhatIfReport.summary(study.arch(), fig11, prime, frag);
        return finish(summary, "whatif.csv, summary.md, figure11 and tpu_prime .png/.svg", t0);
    }

    /** Every study ends alike: summary.md written and printed, then what was written and how long it took. */
    private int finish(String summary, String files, long t0) throws IOException {
        OutputFiles.writeString(out.resolve("summary.md"), summary);
        PrintWriter w = spec.commandLine().getOut();
        w.print(summary);
        w.printf(Locale.ROOT, "%nwrote %s (%s) in %.1f s%n", out, files, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
