package org.arrayflow.arch;

import org.arrayflow.config.ConfigException;
import org.arrayflow.tensor.Datatype;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code cores:} entry, read alike for every kind; without it the architecture is the kind's record itself. */
class CoresReaderTest {
    private static String systolic(String cores) {
        return """
                format: arrayflow-arch/1
                name: c
                type: systolic
                clock_mhz: 1000
                word_bits: 8
                dataflow: weight-stationary
                pe_array: {rows: 4, cols: 4, accumulator_bits: 32}
                memory:
                  ifmap_sram: {size_kib: 64}
                  filter_sram: {size_kib: 64}
                  ofmap_sram: {size_kib: 64}
                  dram: {bandwidth_gb_s: 10}
                """ + cores;
    }

    @Test
    void withoutTheEntryTheArchitectureIsOneCore() {
        Architecture a = ArchLoader.parse("a.yaml", systolic(""));
        assertThat(a.cores()).isEqualTo(Cores.SINGLE);
        assertThat(a.core()).isSameAs(a);
        // 4 x 4 PEs, one int8 MAC each per cycle
        assertThat(a.peakMacsPerCycle(Datatype.INT8)).isEqualTo(16);
    }

    @Test
    void coresMultiplyThePeakAndKeepTheCoreForThePlanner() {
        Architecture a = ArchLoader.parse("a.yaml", systolic("""
                cores:
                  count: 4
                  dram: private
                  shared_level: {size_kib: 2, bandwidth_gb_s: 100, read_energy_pj: 1.5}
                """));
        assertThat(a.cores().count()).isEqualTo(4);
        assertThat(a.cores().partition()).isEqualTo(Cores.Partition.AUTO);
        assertThat(a.cores().sharedDram()).isFalse();
        assertThat(a.cores().sharedLevel()).isEqualTo(new Cores.SharedLevel("l2", 2048, 100, 1.5, 0));
        assertThat(a.core().cores()).isEqualTo(Cores.SINGLE);
        assertThat(a.kind()).isEqualTo("systolic");
        // 4 cores x 16 PEs; private DRAM links add up: 4 x 10 GB/s
        assertThat(a.peCount()).isEqualTo(64);
        assertThat(a.peakMacsPerCycle(Datatype.INT8)).isEqualTo(64);
        assertThat(a.sustainedDramGBps()).isEqualTo(40);
        // every core's three 64 KiB SRAMs, and the shared 2 KiB
        assertThat(a.onChipBytes()).isEqualTo(a.core().onChipBytes() * 4 + 2048);
    }

    @Test
    void countOfOneIsTheSingleCoreArchitecture() {
        Architecture a = ArchLoader.parse("a.yaml", systolic("cores: {count: 1}\n"));
        assertThat(a.core()).isSameAs(a);
    }

    @Test
    void everyKindTakesTheEntry() {
        for (String name : new String[] {"eyeriss-v1", "fpga-vc707-zhang15", "systolic-4core"}) {
            Architecture single = ArchLoader.load(name);
            String text = org.arrayflow.config.Bundled.resolve(org.arrayflow.config.Bundled.ARCH, name).text();
            if (!text.contains("\ncores:")) {
                text = text + "cores: {count: 3, partition: batch}\n";
            }
            Architecture multi = ArchLoader.parse(name + ".yaml", text);
            assertThat(multi.cores().multi()).isTrue();
            assertThat(multi.peCount()).isEqualTo(multi.core().peCount() * multi.cores().count());
            assertThat(single.kind()).isEqualTo(multi.kind());
        }
    }

    @Test
    void badEntriesNameTheKey() {
        assertThatThrownBy(() -> ArchLoader.parse("a.yaml", systolic("cores: {count: 0}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.yaml").hasMessageContaining("count");
        assertThatThrownBy(() -> ArchLoader.parse("a.yaml", systolic("cores: {count: 2, partition: rows}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("partition");
        assertThatThrownBy(() -> ArchLoader.parse("a.yaml", systolic(
                "cores: {count: 2, shared_level: {name: dram, size_kib: 1, bandwidth_gb_s: 1}}\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.yaml:13:").hasMessageContaining("name");
    }
}
