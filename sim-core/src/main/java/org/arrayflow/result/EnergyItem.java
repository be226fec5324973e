package org.arrayflow.result;

/**
 * One line of an energy account: {@code count} events of {@code unitPj} each. The component groups
 * lines for charts (mac, vector, each buffer, dram, leakage); the detail says which events.
 */
public record EnergyItem(String component, String detail, long count, double unitPj, double energyPj) {
    public static EnergyItem of(String component, String detail, long count, double unitPj) {
        return new EnergyItem(component, detail, count, unitPj, count * unitPj);
    }
}
