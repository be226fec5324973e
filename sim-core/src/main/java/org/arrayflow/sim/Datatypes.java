package org.arrayflow.sim;

import org.arrayflow.arch.Architecture;
import org.arrayflow.energy.MacCost;
import org.arrayflow.tensor.ComputeModes;
import org.arrayflow.tensor.Precision;
import org.arrayflow.tensor.Tensor;
import org.arrayflow.tensor.TensorSpec;
import org.arrayflow.workload.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The price of a matrix layer's MACs in the datatype it runs in, and what the mapping description says about its
 * datatypes. A layer in the architecture's own word says nothing extra, so results of workloads that state no
 * datatypes are unchanged.
 */
final class Datatypes {
    private Datatypes() {}

    /**
     * @param macScale cost of a MAC relative to the architecture's MAC figure ({@link MacCost})
     * @param macPj    the architecture's own figure for the datatype, or NaN
     */
    record Priced(double macScale, double macPj, String multiply, String tensors) {
        Map<String, String> mapping(Map<String, String> base) {
            if (multiply == null && tensors == null) {
                return base;
            }
            Map<String, String> m = new LinkedHashMap<>(base);
            if (multiply != null) {
                m.put("multiply", multiply);
            }
            if (tensors != null) {
                m.put("tensors", tensors);
            }
            return m;
        }
    }

    static Priced price(Architecture arch, Layer layer, Precision precision) {
        ComputeModes.Selected s = arch.compute(layer);
        Precision own = arch.precision();
        double scale = MacCost.scale(s.runsAs().type(), precision.type(Tensor.PSUM), own.type(Tensor.IFMAP),
                own.type(Tensor.PSUM));
        int rate = s.runsAs().macsPerCycle();
        String multiply = null;
        if (!s.asked().sameArithmetic(own.type(Tensor.IFMAP)) || rate != 1) {
            multiply = s.asked().name() + (s.fellBack() ? " as " + s.runsAs().type().name() : "")
                    + (rate != 1 ? " at " + rate + " MACs/cycle" : "");
        }
        StringBuilder tensors = new StringBuilder();
        for (Map.Entry<Tensor, TensorSpec> e : layer.tensors().stated().entrySet()) {
            TensorSpec t = e.getValue();
            tensors.append(tensors.length() == 0 ? "" : " ").append(e.getKey().label()).append(':')
                    .append(precision.type(e.getKey()).name());
            if (!t.density().dense()) {
                tensors.append('@').append(t.density());
            }
        }
        return new Priced(scale, s.runsAs().macPj(), multiply, tensors.length() == 0 ? null : tensors.toString());
    }
}
