package org.arrayflow.kind.tiled;

import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;

import java.util.Locale;

/** The hand tests' tiled engine: 4 DSP slices at 100 MHz, 16-bit words, tiles of 2 x 2 x 2 x 2, 64 KiB on chip. */
final class TinyTiled {
    private TinyTiled() {}

    /** That engine with the given DRAM and energy entries, then {@code sparsity} (YAML lines, may be empty). */
    static Architecture arch(String dram, String energy, String sparsity) {
        return ArchLoader.parse("tiny-tiled.yaml", String.format(Locale.ROOT, """
                format: arrayflow-arch/1
                name: tiny-tiled
                type: tiled-fusion
                clock_mhz: 100
                word_bits: 16
                compute: {dsp_slices: 4, macs_per_dsp: 1}
                on_chip: {budget_kib: 64}
                dram: %s
                tiling: {tm: 2, tn: 2, tr: 2, tc: 2}
                energy: %s
                %s
                """, dram, energy, sparsity));
    }
}
