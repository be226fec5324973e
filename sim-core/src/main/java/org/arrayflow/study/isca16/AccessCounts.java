package org.arrayflow.study.isca16;

/**
 * Word accesses per level and operand, and MACs: everything the energy of a mapping is computed from
 * (energy = counts x {@link NormalizedCosts}; nothing else enters).
 */
public final class AccessCounts {
    private final long[] c = new long[Level.values().length * Operand.values().length];
    private long macs;

    public void add(Level l, Operand o, long n) {
        c[l.ordinal() * Operand.values().length + o.ordinal()] += n;
    }

    public void reset() {
        java.util.Arrays.fill(c, 0);
        macs = 0;
    }

    public void addMacs(long n) {
        macs += n;
    }

    public long get(Level l, Operand o) {
        return c[l.ordinal() * Operand.values().length + o.ordinal()];
    }

    public long level(Level l) {
        long s = 0;
        for (Operand o : Operand.values()) {
            s += get(l, o);
        }
        return s;
    }

    public long macs() {
        return macs;
    }

    /** Energy of a level in MAC units. */
    public double energy(Level l, NormalizedCosts k) {
        return level(l) * k.of(l);
    }

    public double aluEnergy(NormalizedCosts k) {
        return macs * k.alu();
    }

    public double totalEnergy(NormalizedCosts k) {
        double s = aluEnergy(k);
        for (Level l : Level.values()) {
            s += energy(l, k);
        }
        return s;
    }

    public AccessCounts plus(AccessCounts o) {
        AccessCounts r = new AccessCounts();
        for (int i = 0; i < c.length; i++) {
            r.c[i] = c[i] + o.c[i];
        }
        r.macs = macs + o.macs;
        return r;
    }

    public AccessCounts times(long k) {
        AccessCounts r = new AccessCounts();
        for (int i = 0; i < c.length; i++) {
            r.c[i] = c[i] * k;
        }
        r.macs = macs * k;
        return r;
    }
}
