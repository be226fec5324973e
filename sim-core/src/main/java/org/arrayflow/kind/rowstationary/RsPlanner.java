package org.arrayflow.kind.rowstationary;

import org.arrayflow.dataflow.LayerContext;
import org.arrayflow.dataflow.LayerGroup;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.dataflow.NetworkPlan;
import org.arrayflow.dataflow.PlannedLayer;
import org.arrayflow.dataflow.Planner;
import org.arrayflow.dataflow.ResidencyPlan;
import org.arrayflow.engine.Server;
import org.arrayflow.engine.TileProgram;
import org.arrayflow.io.Units;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The row-stationary dataflow: maps a conv or fc layer (the YAML's mapping, or the search's), then turns
 * the loop nest into an engine program.
 *
 * <p>Program shape: servers {@code array} (PE array) and {@code dram} (the off-chip link at its own clock);
 * per pass a filter load (DRAM to GLB, queue {@code load-filter}, holding space in the filter partition), a
 * spad load (GLB to filter spads, array busy, frees that space) and the computation (array busy); per channel
 * block an ifmap load (queue {@code load-ifmap}); per filter block a write-back (queue {@code store}).
 * As on the chip, DRAM transfers of feature maps are not overlapped with computation: an ifmap load waits for
 * the previous pass and write-back, and the passes wait for it. Filter loads stream ahead while the array
 * computes, as far as the filter partition has room.
 */
public final class RsPlanner implements Planner<Void> {
    static final int SRV_ARRAY = 0;
    static final int SRV_DRAM = 1;
    static final int Q_COMPUTE = 0;
    static final int Q_IFMAP = 1;
    static final int Q_FILTER = 2;
    static final int Q_STORE = 3;

    private final RowStationaryArch arch;
    private final RsLevels levels;

    public RsPlanner(RowStationaryArch arch) {
        this.arch = arch;
        this.levels = new RsLevels(arch);
    }

    /** Every layer alone, its inputs from DRAM and its output back there, as on the chip. */
    @Override
    public NetworkPlan<Void> planNetwork(Network net, boolean scaleSimCompat) {
        return new NetworkPlan<>(LayerGroup.singletons(net), ResidencyPlan.offChip(net, 0, scaleSimCompat), null);
    }

    /** A layer named in the YAML's mappings is planned on its own, not shared by shape. */
    @Override
    public String planKey(Layer layer, Void none) {
        return arch.mappings().containsKey(layer.name()) ? layer.name() : "";
    }

    public RsLevels rsLevels() {
        return levels;
    }

    /** The mapping of a layer: from the YAML if given (checked), otherwise searched. */
    public RsMapper.Choice map(RsProblem pr) {
        RowStationaryArch.MappingSpec spec = arch.mappings().get(pr.layer());
        if (spec != null) {
            RsMapping mp = RsMapping.of(spec);
            String bad = mp.violation(pr, arch);
            if (bad != null) {
                throw new MappingException("layer '" + pr.layer() + "': the mapping given in " + arch.source() + " ("
                        + mp + ") is not legal: " + bad);
            }
            return new RsMapper.Choice(mp, RsEstimate.of(arch, pr, mp, levels), 0);
        }
        return RsMapper.best(arch, pr, levels, arch.objective());
    }

    @Override
    public PlannedLayer plan(Layer layer, LayerContext ctx, Void none) {
        if (!layer.kind().isMatrix()) {
            TileProgram p = newProgram(1);
            p.add(Q_COMPUTE, SRV_ARRAY, 0, 0, p.label("not modelled"));
            Map<String, String> m = new LinkedHashMap<>();
            m.put("note", "pooling and element-wise layers are not modelled on the row-stationary array (0 cycles, "
                    + "no traffic)");
            return new PlannedLayer(p, SRV_ARRAY, arch.peCount(), m);
        }
        RsProblem pr = RsProblem.of(layer, arch.precision(layer), arch.compute(layer).runsAs().macsPerCycle(),
                arch.zeroSkipsWeights(layer) || arch.skipsPrunedWeights(layer));
        RsMapper.Choice choice = map(pr);
        RsMapping mp = choice.mapping();
        long filterSpace = GlbFit.filterSpace(mp, pr, arch);
        TileProgram prog = newProgram(filterSpace);
        Builder b = new Builder(prog, new RsPassModel(arch, pr, mp, levels));
        b.build(pr, mp);
        return new PlannedLayer(prog, SRV_ARRAY, arch.peCount() * pr.rate(), describe(pr, choice, b.skipped), b.skipped);
    }

    private TileProgram newProgram(long filterSpace) {
        List<Server> servers = List.of(Server.unit("array"),
                Server.link("dram", arch.dramBytesPerCycle(), arch.dramLink().latencyCycles(), 1));
        return new TileProgram(servers, List.of("compute", "load-ifmap", "load-filter", "store"),
                List.of(arch.glbFor(Tensor.WEIGHT).name() + "-filter-space"), new long[] {Math.max(1, filterSpace)},
                levels.names(), Tensor.values().length);
    }

    /** Adds tasks in loop-nest order. */
    private final class Builder implements RsSchedule.Visitor {
        final TileProgram p;
        final RsPassModel pm;
        final int lIfmap;
        final int lFilter;
        final int lSpad;
        final int lCompute;
        final int lStore;
        int lastCompute = -1;
        int lastStore = -1;
        long skipped;
        int ifmapTask = -1;

        Builder(TileProgram p, RsPassModel pm) {
            this.p = p;
            this.pm = pm;
            lIfmap = p.label("ifmap DRAM->GLB");
            lFilter = p.label("filters DRAM->GLB");
            lSpad = p.label("filters GLB->spads");
            lCompute = p.label("pass");
            lStore = p.label("ofmap GLB->DRAM");
        }

        void build(RsProblem pr, RsMapping mp) {
            RsSchedule.walk(pr, mp, false, this);
        }

        @Override
        public void ifmapLoad(int es, int nb, int qrb, long mult) {
            Pending c = new Pending();
            int task = p.add(Q_IFMAP, SRV_DRAM, pm.ifmapLoad(es, nb, qrb, c), 0, lIfmap);
            c.flush(p, task);
            p.dependsOn(task, lastCompute);
            p.dependsOn(task, lastStore);
            ifmapTask = task;
        }

        @Override
        public void pass(int es, int nb, int ptb, int qrb, boolean first, boolean last, long mult) {
            int body = p.size();
            Pending cf = new Pending();
            long filterBytes = pm.filterLoad(ptb, qrb, cf);
            int fl = p.add(Q_FILTER, SRV_DRAM, filterBytes, 0, lFilter);
            cf.flush(p, fl);
            p.allocates(fl, 0, filterBytes);
            p.dependsOn(fl, lastStore);

            Pending cs = new Pending();
            long slc = pm.spadLoad(es, ptb, qrb, cs);
            int sl = p.add(Q_COMPUTE, SRV_ARRAY, slc, 0, lSpad);
            cs.flush(p, sl);
            p.dependsOn(sl, fl);
            p.dependsOn(sl, ifmapTask);
            p.frees(sl, 0, filterBytes);

            Pending cc = new Pending();
            long cycles = pm.compute(es, nb, ptb, qrb, first, last, cc);
            long performed = pm.performedMacs(es, nb, ptb, qrb);
            skipped += mult * (pm.macs(es, nb, ptb, qrb) - performed);
            int c = p.add(Q_COMPUTE, SRV_ARRAY, cycles, performed, lCompute);
            cc.flush(p, c);
            p.dependsOn(c, sl);
            lastCompute = c;
            // mult identical passes: a run (later tasks depending on lastCompute wait for its last pass)
            p.repeat(body, mult);
        }

        @Override
        public void store(int es, int nb, int mb, long mult) {
            Pending c = new Pending();
            int s = p.add(Q_STORE, SRV_DRAM, pm.store(es, nb, mb, c), 0, lStore);
            c.flush(p, s);
            p.dependsOn(s, lastCompute);
            lastStore = s;
        }
    }

    /** Counts gathered before their task exists (a task's amount depends on them). */
    private static final class Pending implements RsPassModel.Sink {
        final java.util.List<long[]> items = new java.util.ArrayList<>(16);

        @Override
        public void add(int level, Tensor t, org.arrayflow.engine.Access a, long amount) {
            items.add(new long[] {level, t.ordinal(), a.ordinal(), amount});
        }

        void flush(TileProgram p, int task) {
            for (long[] i : items) {
                p.counts(task, (int) i[0], (int) i[1], org.arrayflow.engine.Access.values()[(int) i[2]], i[3]);
            }
        }
    }

    private Map<String, String> describe(RsProblem pr, RsMapper.Choice ch, long skipped) {
        RsMapping mp = ch.mapping();
        RsEstimate est = ch.estimate();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("mapping", arch.mappings().containsKey(pr.layer()) ? "given" : "searched (" + arch.objective().name()
                .toLowerCase(Locale.ROOT) + ", " + ch.candidates() + " candidates)");
        m.put("m", String.valueOf(mp.m()));
        m.put("n", String.valueOf(mp.n()));
        m.put("e", String.valueOf(mp.e()));
        m.put("p", String.valueOf(mp.p()));
        m.put("q", String.valueOf(mp.q()));
        m.put("r", String.valueOf(mp.r()));
        m.put("t", String.valueOf(mp.t()));
        m.put("pe_set", pr.r() + "x" + pr.e() + (mp.e() < pr.e() ? " strip-mined to " + pr.r() + "x" + mp.e() : "")
                + (mp.segments(arch.cols()) > 1 ? " folded into " + mp.segments(arch.cols()) + " segments of "
                + pr.r() + "x" + mp.segmentWidth(arch.cols()) : ""));
        m.put("sets", String.valueOf((long) mp.r() * mp.t()));
        m.put("active_pes", String.valueOf(mp.activePes(pr.r())));
        if (pr.groups() > 1) {
            m.put("groups", String.valueOf(pr.groups()));
        }
        m.put("passes", String.valueOf(est.passes()));
        if (pr.zeroSkip() && arch.sparsity().structuredFits(pr.precision().density(Tensor.WEIGHT))) {
            m.put("structured", arch.sparsity().structured() + " (" + skipped + " MACs skipped)");
        } else if (pr.zeroSkip()) {
            long perPe = (long) mp.p() * mp.q() * pr.s();
            m.put("zero_skip", "busiest of " + mp.activePes(pr.r()) + " PEs keeps " + new RsPassModel(arch, pr, mp, levels)
                    .performed(perPe, mp.p(), mp.q(), (int) mp.activePes(pr.r())) + " of " + perPe + " weights");
        }
        m.put("spad_use", (mp.q() * pr.s()) + "/" + arch.ifmapSpad().entries() + " ifmap, "
                + ((long) mp.p() * mp.q() * pr.s()) + "/" + arch.filterSpad().entries() + " filter, " + mp.p() + "/"
                + arch.psumSpad().entries() + " psum");
        m.put("glb_use_bytes", "ifmap " + pr.bytes(Tensor.IFMAP, mp.glbIfmapWords(pr)) + ", psum "
                + pr.bytes(Tensor.PSUM, mp.glbPsumWords(pr)) + ", filters " + pr.bytes(Tensor.WEIGHT, mp.passFilterWords(pr)));
        // the mapper's estimate, in joules like every output and in plain notation (was pJ as 7.25920e+08)
        m.put("model_energy_j", Units.plain(Units.joules(est.energyPj(arch.energy())), 6));
        return m;
    }
}
