package org.arrayflow.kind.rowstationary;

/**
 * The row-stationary mapping parameters of JSSC 2017 Table III. A logical PE set is R filter rows x e
 * output rows (e = E, or fewer when strip-mined); r x t sets run at once, r on different channels and t
 * on different filters. Each PE holds p filters x q channels; a processing pass covers n images, p·t
 * filters and q·r channels; the GLB keeps the psums of m filters (and n images, e rows) across passes.
 */
public record RsMapping(int m, int n, int e, int p, int q, int r, int t) {

    public static RsMapping of(RowStationaryArch.MappingSpec s) {
        return new RsMapping(s.m(), s.n(), s.e(), s.p(), s.q(), s.r(), s.t());
    }

    /** Segments a set of width e is folded into so each fits the array width (CONV2: 5x27 -> 5x14 + 5x13). */
    public int segments(int cols) {
        return (e + cols - 1) / cols;
    }

    public int segmentWidth(int cols) {
        int k = segments(cols);
        return (e + k - 1) / k;
    }

    /** Physical rows one set takes: R per segment, segments stacked vertically. */
    public int setHeight(int filterRows, int cols) {
        return filterRows * segments(cols);
    }

    /** How many sets of this shape fit the array. */
    public int setCapacity(int filterRows, int rows, int cols) {
        int h = setHeight(filterRows, cols);
        if (h > rows) {
            return 0;
        }
        return (rows / h) * (cols / segmentWidth(cols));
    }

    /** PEs busy in a pass with full blocks. */
    public long activePes(int filterRows) {
        return (long) r * t * filterRows * e;
    }

    /** Words of GLB the fmap side takes: the ifmap of n images x q·r channels and the psums of n x m x e rows. */
    public long glbIfmapWords(RsProblem pr) {
        return (long) Math.min(n, pr.n()) * Math.min((long) q * r, pr.c()) * pr.rowsIn(Math.min(e, pr.e())) * pr.wUsed();
    }

    public long glbPsumWords(RsProblem pr) {
        return (long) Math.min(n, pr.n()) * Math.min(m, pr.m()) * Math.min(e, pr.e()) * pr.f();
    }

    /** Filter words of one pass: p·t filters x q·r channels x R x S. */
    public long passFilterWords(RsProblem pr) {
        return Math.min((long) p * t, pr.m()) * Math.min((long) q * r, pr.c()) * pr.r() * pr.s();
    }

    /** The same rules as {@link #violation} without building a message (the search calls this often). */
    public boolean fits(RsProblem pr, RowStationaryArch a) {
        if (pr.r() > a.rows() || pr.s() > a.ifmapSpad().entries() || e > pr.e() || n > pr.n() || m > pr.m()
                || (long) p * t > m || (long) q * r > (long) pr.c() + q - 1 || q > pr.c()
                || (long) q * pr.s() > a.ifmapSpad().entries() || (long) p * q * pr.s() > a.filterSpad().entries()
                || p > a.psumSpad().entries()) {
            return false;
        }
        long cap = setCapacity(pr.r(), a.rows(), a.cols());
        return cap > 0 && (long) r * t <= cap && GlbFit.fits(this, pr, a);
    }

    /** Null if the mapping fits the architecture and the layer, otherwise the limit it breaks. */
    public String violation(RsProblem pr, RowStationaryArch a) {
        if (pr.r() > a.rows()) {
            return "filter height R=" + pr.r() + " exceeds the " + a.rows() + " PE rows (row-stationary puts one filter "
                    + "row per PE row; layers with taller filters are not supported)";
        }
        if (pr.s() > a.ifmapSpad().entries()) {
            return "filter width S=" + pr.s() + " exceeds the ifmap scratchpad (" + a.ifmapSpad().entries()
                    + " entries hold the sliding window of one row)";
        }
        if (e > pr.e() || n > pr.n() || m > pr.m() || (long) p * t > m || (long) q * r > (long) pr.c() + q - 1
                || q > pr.c()) {
            return "mapping " + this + " exceeds the layer (E=" + pr.e() + ", N=" + pr.n() + ", M=" + pr.m() + ", C="
                    + pr.c() + "; need e<=E, n<=N, p*t<=m<=M, q<=C, (r-1)*q<C)";
        }
        if ((long) q * pr.s() > a.ifmapSpad().entries()) {
            return "ifmap scratchpad: q*S = " + ((long) q * pr.s()) + " > " + a.ifmapSpad().entries() + " entries";
        }
        if ((long) p * q * pr.s() > a.filterSpad().entries()) {
            return "filter scratchpad: p*q*S = " + ((long) p * q * pr.s()) + " > " + a.filterSpad().entries() + " entries";
        }
        if (p > a.psumSpad().entries()) {
            return "psum scratchpad: p = " + p + " > " + a.psumSpad().entries() + " entries";
        }
        int cap = setCapacity(pr.r(), a.rows(), a.cols());
        if (cap == 0) {
            return "a PE set of " + pr.r() + " x " + e + " folds into " + segments(a.cols()) + " segments of "
                    + pr.r() + " rows, taller than the " + a.rows() + " PE rows";
        }
        if ((long) r * t > cap) {
            return "r*t = " + ((long) r * t) + " sets of " + pr.r() + " x " + e + " do not fit the " + a.rows() + " x "
                    + a.cols() + " array (room for " + cap + ")";
        }
        return GlbFit.violation(this, pr, a);
    }

    @Override
    public String toString() {
        return "m=" + m + " n=" + n + " e=" + e + " p=" + p + " q=" + q + " r=" + r + " t=" + t;
    }
}
