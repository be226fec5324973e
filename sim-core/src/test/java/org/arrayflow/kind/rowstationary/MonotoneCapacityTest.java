package org.arrayflow.kind.rowstationary;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.pipeline.Pipeline;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.WorkloadLoader;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More capacity never makes the row-stationary search worse in its own terms (issue #17 item 2).
 *
 * <p>What is guaranteed, and why: every capacity (ifmap, filter and psum scratchpads, each GLB partition, PE
 * rows and columns) is an upper bound in the legality rules, so a larger one keeps every mapping a smaller one
 * allowed; the search finds the optimum of that space (RsMapper says why its skips lose nothing), and the
 * estimate it ranks by is what the engine counts. So the objective never grows: the network's energy with
 * {@code energy} (tolerance 1e-9, the order of floating-point sums), each layer's estimated energy x delay
 * with {@code edp}, the cycles with {@code latency} (the default) up to its tie band.
 *
 * <p>What is not: what the objective trades. The energy objective trades cycles and DRAM bytes for energy (a
 * larger ifmap scratchpad lets it idle PEs to save GLB and NoC accesses), so they are measured and printed, not asserted.
 * On the network grid below (AlexNet CONV1-5 at batch 1, 192 steps), measured when this test was written:
 * energy never grows; cycles grow in 63 steps, at most +23.9 % (ifmap spad 12 -> 24 on the chip's other sizes but
 * a 4 KiB filter GLB); DRAM bytes in 16, at most +2.1 % (the test prints these figures).
 */
class MonotoneCapacityTest {
    static final double TOLERANCE = 1e-9;
    static final String[] KEYS = {"ifmap spad", "filter spad", "psum spad", "glb_fmap", "glb_filter", "pe array"};
    static final String[] NAMES = {"ifmap spad", "filter spad", "psum spad", "glb_fmap/4 KiB", "glb_filter/4 KiB", "PE rows",
        "PE cols"};

    /** v: ifmap, filter, psum entries, glb_fmap and glb_filter in quarters of a KiB, PE rows, cols. */
    static String arch(int[] v, String objective) {
        return String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: grid
                type: row-stationary
                clock_mhz: 200
                word_bits: 16
                pe_array: {rows: %d, cols: %d}
                scratchpads:
                  ifmap: {entries: %d, bits: 16}
                  filter: {entries: %d, bits: 16}
                  psum: {entries: %d, bits: 16}
                global_buffer:
                  partitions:
                    glb_fmap: {size_kib: %s, holds: [ifmap, psum]}
                    glb_filter: {size_kib: %s, holds: [weight]}
                noc: {ifmap_gin_bits: 16, filter_gin_bits: 64, psum_gin_bits: 64, gon_bits: 64, local_link_bits: 64}
                dram: {bus_bits: 64, clock_mhz: 60, latency_cycles: 0}
                energy: {table: isca16-normalized}
                mapper: {objective: %s}
                """, v[5], v[6], v[0], v[1], v[2], v[3] / 4.0, v[4] / 4.0, objective);
    }

    /**
     * Eyeriss v1 around its own sizes, every capacity at two values, every combination: ifmap spad 12 or 24
     * entries, filter spad 112 or 224, psum spad 12 or 24, glb_fmap 50 or 100 KiB, glb_filter 4 or 8 KiB, PE array
     * 12 x 14 or 16 x 16: 64 architectures, 192 steps that grow one capacity.
     */
    @Test
    void energyNeverGrowsWithAnyCapacityOnAlexNet() {
        NetworkResult[] r = grid("energy");
        List<String> worse = new ArrayList<>();
        int steps = 0;
        int cyclesUp = 0;
        int bytesUp = 0;
        double worstCycles = 0;
        double worstBytes = 0;
        String worstAt = "";
        for (Step st : steps(r)) {
            NetworkResult s = st.small();
            NetworkResult l = st.large();
            steps++;
            if (l.energyPj() > s.energyPj() * (1 + TOLERANCE)) {
                worse.add(String.format(Locale.ROOT, "%s grown: energy %.6g -> %.6g pJ", st, s.energyPj(), l.energyPj()));
            }
            double dc = (double) l.totalCycles() / s.totalCycles() - 1;
            double db = (double) l.bytes("dram") / s.bytes("dram") - 1;
            cyclesUp += dc > 0 ? 1 : 0;
            bytesUp += db > 0 ? 1 : 0;
            if (dc > worstCycles) {
                worstCycles = dc;
                worstAt = st.toString();
            }
            worstBytes = Math.max(worstBytes, db);
        }
        System.out.printf(Locale.ROOT, "row-stationary grid: %d steps; not guaranteed: cycles grew in %d (max %+.1f %%, %s),"
                + " DRAM bytes in %d (max %+.1f %%)%n", steps, cyclesUp, 100 * worstCycles, worstAt, bytesUp, 100 * worstBytes);
        assertThat(steps).isEqualTo(192);
        assertThat(worse).as("steps where energy grew").isEmpty();
    }

    /** One step of the grid: from a point to the one with capacity {@code k} grown. */
    private record Step(int point, int k, NetworkResult small, NetworkResult large) {
        @Override
        public String toString() {
            return "grid point " + point + ", " + KEYS[k];
        }
    }

    /** Every step of the grid that grows one capacity (192). */
    private static List<Step> steps(NetworkResult[] r) {
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            for (int k = 0; k < 6; k++) {
                if ((i >> k & 1) == 0) {
                    out.add(new Step(i, k, r[i], r[i | 1 << k]));
                }
            }
        }
        return out;
    }

    /** The 64 grid points of the AlexNet test, simulated with the given objective. */
    private static NetworkResult[] grid(String objective) {
        Network net = WorkloadLoader.load("alexnet-eyeriss-conv", 1);
        int[] lo = {12, 112, 12, 200, 16, 12, 14};
        int[] hi = {24, 224, 24, 400, 32, 16, 16};
        NetworkResult[] r = new NetworkResult[64];
        for (int i = 0; i < 64; i++) {
            int[] v = new int[7];
            for (int k = 0; k < 7; k++) {
                v[k] = (i >> Math.min(k, 5) & 1) == 1 ? hi[k] : lo[k];
            }
            r[i] = Pipeline.simulate(ArchLoader.parse("grid.yaml", arch(v, objective)), net);
        }
        return r;
    }

    /**
     * The same grid with the default objective, latency: the search's fewest estimated cycles never grow with a
     * capacity and it keeps a mapping within {@link RsMapper#LATENCY_TIE} of them, so the simulated cycles grow
     * by at most that much. Measured when this test was written: cycles grew in 9 of 192 steps, at most
     * +0.08 %; energy and DRAM bytes are traded for speed (energy grew in 59 steps, up to +5.2 %; DRAM bytes up
     * to +13.8 %), printed, not asserted.
     */
    @Test
    void cyclesNeverGrowBeyondTheTieWithLatency() {
        NetworkResult[] r = grid("latency");
        List<String> worse = new ArrayList<>();
        int cyclesUp = 0;
        int energyUp = 0;
        double worstCycles = 0;
        double worstEnergy = 0;
        double worstBytes = 0;
        for (Step st : steps(r)) {
            NetworkResult s = st.small();
            NetworkResult l = st.large();
            double dc = (double) l.totalCycles() / s.totalCycles() - 1;
            double de = l.energyPj() / s.energyPj() - 1;
            if (dc > RsMapper.LATENCY_TIE) {
                worse.add(String.format(Locale.ROOT, "%s grown: cycles %d -> %d", st, s.totalCycles(), l.totalCycles()));
            }
            cyclesUp += dc > 0 ? 1 : 0;
            energyUp += de > 0 ? 1 : 0;
            worstCycles = Math.max(worstCycles, dc);
            worstEnergy = Math.max(worstEnergy, de);
            worstBytes = Math.max(worstBytes, (double) l.bytes("dram") / s.bytes("dram") - 1);
        }
        System.out.printf(Locale.ROOT, "row-stationary grid, latency: cycles grew in %d steps (max %+.2f %%); not "
                + "guaranteed: energy grew in %d (max %+.1f %%), DRAM bytes up to %+.1f %%%n", cyclesUp, 100 * worstCycles,
                energyUp, 100 * worstEnergy, 100 * worstBytes);
        assertThat(worse).as("steps where cycles grew by more than the tie").isEmpty();
    }

    /**
     * A case that broke the rule before: 87 filters of 3 x 3 x 5, stride 2, on 20 x 20 inputs, batch 4, with 13/20/28
     * spad entries, 11.75 + 4 KiB of GLB. Growing the array from 11 x 7 to 13 x 7 PEs took the searched energy from
     * 20.46 M to 20.96 M (+2.5 %): the search tried only the largest t for each r, and at either size that t left
     * m (a multiple of p·t) smaller than a smaller t allows. Now both sizes find m=45 n=4 e=3 p=3 q=2 r=1 t=5 (two
     * filter blocks where the largest t, 6, leaves three), 20.35 M.
     */
    @Test
    void moreRowsNoLongerForceMoreFilterBlocks() {
        Layer l = layer(4, 5, 20, 87, 3, 2);
        int[] small = {13, 20, 28, 47, 16, 11, 7};
        int[] large = small.clone();
        large[5] = 13;
        assertThat(score(small, l, "energy")).isCloseTo(20_345_334, org.assertj.core.data.Offset.offset(1.0));
        assertThat(score(large, l, "energy")).isLessThanOrEqualTo(score(small, l, "energy") * (1 + TOLERANCE));
    }

    /**
     * Random layers and architectures (fixed seeds), each capacity grown by a random amount in turn: the searched
     * mapping's score (energy; energy x estimated cycles with edp) never grows, and with latency its estimated
     * cycles grow by at most {@link RsMapper#LATENCY_TIE}: up to 1,050 energy, 350 edp and 350 latency steps (a
     * trial where no mapping fits is skipped).
     * Against the search before the fix the energy half finds 4 steps that grew (PE rows 11 -> 14: +1.6 %; filter
     * GLB 0.25 -> 0.5 KiB: +1.9 %; ...); the edp half, which now compares every t, found none there either.
     */
    @Test
    void searchedScoreNeverGrowsOnRandomLayers() {
        List<String> worse = new ArrayList<>();
        worse.addAll(randomSteps(1, 150, "energy"));
        worse.addAll(randomSteps(2, 50, "edp"));
        worse.addAll(randomSteps(3, 50, "latency"));
        assertThat(worse).as("steps where the objective grew").isEmpty();
    }

    private static List<String> randomSteps(long seed, int trials, String objective) {
        Random rnd = new Random(seed);
        List<String> worse = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            int k = 1 + rnd.nextInt(5);
            Layer l = layer(1 + rnd.nextInt(4), 1 + rnd.nextInt(40), k + rnd.nextInt(20), 1 + rnd.nextInt(100), k,
                    1 + rnd.nextInt(2));
            int[] v = {Math.max(k, 4 + rnd.nextInt(20)), 16 + rnd.nextInt(300), 4 + rnd.nextInt(30), 1 + rnd.nextInt(60),
                    1 + rnd.nextInt(30), Math.max(k, 4 + rnd.nextInt(12)), 4 + rnd.nextInt(14)};
            double base = score(v, l, objective);
            if (Double.isInfinite(base)) {
                continue;
            }
            for (int key = 0; key < 7; key++) {
                int[] w = v.clone();
                w[key] += key >= 5 ? 1 + rnd.nextInt(3) : 1 + rnd.nextInt(w[key]);
                double grown = score(w, l, objective);
                // latency keeps the least energy among mappings within LATENCY_TIE of the fewest cycles, so
                // its chosen cycles may grow by that much (the fewest themselves never grow)
                double slack = objective.equals("latency") ? RsMapper.LATENCY_TIE : TOLERANCE;
                if (grown > base * (1 + slack)) {
                    worse.add(String.format(Locale.ROOT, "%s trial %d, %s %d -> %d: %+.3f %%", objective, i, NAMES[key],
                            v[key], w[key], 100 * (grown / base - 1)));
                }
            }
        }
        return worse;
    }

    static Layer layer(int batch, int channels, int size, int filters, int kernel, int stride) {
        return WorkloadLoader.parse("w.yaml", String.format(Locale.ROOT, """
                format: arrayflow-workload/1
                name: w
                batch: %d
                input: {channels: %d, height: %d, width: %d}
                layers:
                  - {name: c, type: conv2d, filters: %d, kernel: %d, stride: %d}
                """, batch, channels, size, size, filters, kernel, stride), 0).layers().get(0);
    }

    /** The searched mapping's score (estimated cycles for latency), or infinity where no mapping fits. */
    static double score(int[] v, Layer l, String objective) {
        RowStationaryArch a = (RowStationaryArch) ArchLoader.parse("g.yaml", arch(v, objective));
        RsProblem pr = RsProblem.of(l, a.precision(l));
        try {
            RsEstimate est = RsMapper.best(a, pr, new RsLevels(a), a.objective()).estimate();
            double energy = est.energyPj(a.energy());
            return switch (a.objective()) {
                case LATENCY -> est.cycles(a);
                case EDP -> energy * est.cycles(a);
                case ENERGY -> energy;
            };
        } catch (org.arrayflow.dataflow.MappingException e) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
