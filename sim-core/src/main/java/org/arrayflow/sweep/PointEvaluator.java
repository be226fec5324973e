package org.arrayflow.sweep;

import org.arrayflow.arch.Architecture;
import org.arrayflow.config.ConfigException;
import org.arrayflow.dataflow.MappingException;
import org.arrayflow.io.Csv;
import org.arrayflow.io.Units;
import org.arrayflow.result.NetworkResult;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs one design point and formats its {@code points.csv} line. A combination that the architecture
 * rejects (valid values that do not fit together) is recorded as {@code invalid}, a layer that cannot be
 * mapped as {@code unmappable}, each with the message, so a sweep of thousands never stops on one point.
 */
public final class PointEvaluator {
    private PointEvaluator() {}

    public static String evaluate(Sweep sweep, DesignPoint p) {
        return evaluate(sweep, p, new PointSimulator(sweep, false));
    }

    static String evaluate(Sweep sweep, DesignPoint p, PointSimulator sim) {
        List<String> f = new ArrayList<>();
        f.add(Long.toString(p.index()));
        f.add(p.id());
        f.add(p.workload());
        p.values().forEach(v -> f.add(v.asText()));
        Architecture arch;
        try {
            arch = sweep.architecture(p);
        } catch (ConfigException e) {
            return failed(f, "invalid", e.getMessage());
        }
        NetworkResult r;
        try {
            r = sim.run(arch, p);
        } catch (MappingException e) {
            return failed(f, "unmappable", e.getMessage());
        } catch (RuntimeException e) {
            return failed(f, "error", e.toString());
        } catch (OutOfMemoryError e) {
            // this point's allocations are gone once it unwinds; the others go on (the bounds on a layer's
            // program make this rare: several large points at once on a small heap)
            return failed(f, "error", "out of memory while simulating this point");
        }
        f.add("ok");
        long cycles = r.totalCycles();
        double s = r.seconds();
        double j = Units.joules(r.energyPj());
        f.add(Long.toString(cycles));
        f.add(Units.plain(s));
        f.add(Units.plain(j));
        f.add(Units.plain(j * s));
        f.add(Long.toString(r.bytes("dram")));
        f.add(Units.plain(r.utilization()));
        f.add(Long.toString(arch.peCount()));
        f.add(Long.toString(AreaProxy.sramBytes(arch)));
        f.add(Units.plain(AreaProxy.mm2(arch)));
        f.add("");
        return Csv.line(f);
    }

    private static String failed(List<String> f, String status, String note) {
        f.add(status);
        for (int i = 0; i < Metric.values().length; i++) {
            f.add("");
        }
        f.add(note.replace('\n', ' ').replace('\r', ' '));
        return Csv.line(f);
    }

}
