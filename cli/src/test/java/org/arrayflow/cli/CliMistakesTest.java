package org.arrayflow.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mistakes of a first hour with the tool, through the command line: each ends with exit status 2 and
 * exactly one line on standard error that says what is wrong (the key words below), without a usage dump
 * or a stack trace. {@code @} in an argument stands for this test's scratch folder.
 */
class CliMistakesTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void scratch() throws IOException {
        java.nio.file.Files.createDirectories(dir.resolve("a-folder"));
        java.nio.file.Files.writeString(dir.resolve("a-file"), "x\n");
        java.nio.file.Files.createDirectories(dir.resolve("no-cases"));
        java.nio.file.Files.writeString(dir.resolve("no-cases/tpu.yaml"), "format: arrayflow-arch/1\n");
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("mistyped command", "runn",
                        "arrayflow: unknown command 'runn'; did you mean 'run'? (see 'arrayflow --help')"),
                mistake("mistyped command, swapped letters", "comapre", "unknown command 'comapre'", "'compare'"),
                mistake("mistyped option", "run --arch tpu-v1 --workload alexnet --bach 2",
                        "arrayflow run: unknown option '--bach'; did you mean '--batch'? (see 'arrayflow run --help')"),
                mistake("mistyped option, swapped letters", "run --arch tpu-v1 --workload alexnet --otu @/o",
                        "unknown option '--otu'", "'--out'"),
                mistake("mistyped option with =", "compare --arch=tpu-v1 --worklaod=alexnet",
                        "unknown option '--worklaod'", "'--workload'"),
                mistake("missing options", "run",
                        "arrayflow run: missing required options --arch and --workload (see 'arrayflow run --help')"),
                mistake("missing option value", "run --workload alexnet --arch",
                        "arrayflow run: --arch needs a value (see 'arrayflow run --help')"),
                mistake("missing option and argument", "sweep",
                        "arrayflow sweep: missing required option --out and argument FILE"),
                mistake("not a number", "run --arch tpu-v1 --workload alexnet --batch two",
                        "arrayflow run: invalid value for option '--batch': 'two' is not a whole number"),
                mistake("an argument too many", "list everything", "arrayflow list: unexpected argument 'everything'"),
                mistake("help for no such command", "help runn",
                        "arrayflow: unknown command 'runn'; did you mean 'run'? (see 'arrayflow --help')"),
                mistake("batch zero", "run --arch tpu-v1 --workload alexnet --batch 0 --out @/o",
                        "arrayflow run: --batch must be at least 1, found 0 (see 'arrayflow run --help')"),
                mistake("negative batch", "compare --arch tpu-v1 --workload alexnet --batch -3 --out @/o",
                        "arrayflow compare: --batch must be at least 1, found -3"),
                mistake("jobs zero", "compare --arch tpu-v1 --workload alexnet --jobs 0 --out @/o",
                        "arrayflow compare: --jobs must be at least 1, found 0 (see 'arrayflow compare --help')"),
                mistake("threads zero", "sweep tpu-array-size --out @/o --threads 0",
                        "arrayflow sweep: --threads must be at least 1, found 0 (see 'arrayflow sweep --help')"),
                mistake("half a tile", "fusion --arch fpga-fused-vgg --workload vgg19 --tile 3x --out @/o",
                        "arrayflow fusion: --tile must be N or NxM with whole numbers of at least 1 (e.g. 4 or 4x8), "
                                + "found '3x'"),
                mistake("tile zero", "fusion --arch fpga-fused-vgg --workload vgg19 --tile 0x4 --out @/o",
                        "--tile must be N or NxM", "found '0x4'"),
                mistake("budget zero", "fusion --arch fpga-fused-vgg --workload vgg19 --budget-kib 0 --out @/o",
                        "arrayflow fusion: --budget-kib must be a number greater than 0, found 0.0"),
                mistake("batch list with zero", "reproduce eyeriss-isca16 --batch 1,0 --out @/o",
                        "arrayflow reproduce: --batch must be at least 1, found 0"),
                mistake("unknown target", "reproduce eyeriss --out @/o",
                        "arrayflow reproduce: unknown reproduction target 'eyeriss'; did you mean 'eyeriss-isca16'?"),
                mistake("--out is a file", "run --arch tpu-v1 --workload alexnet --out @/a-file",
                        "arrayflow run: --out @/a-file: exists and is not a folder (see 'arrayflow run --help')"),
                mistake("--out under a file", "run --arch tpu-v1 --workload alexnet --out @/a-file/sub",
                        "arrayflow run: --out @/a-file/sub: cannot be made: @/a-file is a file, not a folder"),
                // refused by the up-front check (not root: /proc is not writable) or when made (root: ENOENT)
                mistake("--out where nothing can be made", "run --arch tpu-v1 --workload alexnet --out /proc/nope",
                        "arrayflow run: --out /proc/nope: ", "cannot"),
                mistake("--trace is a folder", "run --arch tpu-v1 --workload alexnet --out @/o --trace @/a-folder",
                        "arrayflow run: --trace @/a-folder: is a folder; --trace names the file to write, "
                                + "e.g. @/a-folder/trace.json"),
                mistake("compare --out is a file", "compare --arch tpu-v1 --workload alexnet --out @/a-file",
                        "arrayflow compare: --out @/a-file: exists and is not a folder"),
                mistake("sweep --out is a file", "sweep tpu-array-size --out @/a-file",
                        "arrayflow sweep: --out @/a-file: exists and is not a folder"),
                mistake("sweep-merge --out is a file", "sweep-merge @/a-folder --out @/a-file",
                        "arrayflow sweep-merge: --out @/a-file: exists and is not a folder"),
                mistake("roofline --out is a file", "roofline --arch tpu-v1 --workload tpu/mlp0 --out @/a-file",
                        "arrayflow roofline: --out @/a-file: exists and is not a folder"),
                mistake("reproduce --out is a file", "reproduce eyeriss-isca16 --out @/a-file",
                        "arrayflow reproduce: --out @/a-file: exists and is not a folder"),
                mistake("fusion --out is a file", "fusion --arch fpga-fused-vgg --workload vgg19 --out @/a-file",
                        "arrayflow fusion: --out @/a-file: exists and is not a folder"),
                mistake("validate --csv is a folder", "validate --csv @/a-folder",
                        "arrayflow validate: --csv @/a-folder: is a folder"),
                mistake("validate an empty folder", "validate @/a-folder --csv @/v.csv",
                        "arrayflow validate: no validation cases found in @/a-folder (a case is a .yaml file with "
                                + "'format: arrayflow-validation/1'; see validation/README.md)"),
                mistake("validate a folder without cases", "validate @/no-cases --csv @/v.csv",
                        "no validation cases found in @/no-cases"),
                mistake("validate a missing folder", "validate @/nothing-here --csv @/v.csv",
                        "@/nothing-here: not a folder of validation cases"),
                mistake("folder as --arch", "run --arch @/a-folder --workload alexnet --out @/o",
                        "@/a-folder: is a folder, not an architecture file (give a file in it, or a bundled name: ",
                        "tpu-v1"),
                mistake("folder as --workload", "run --arch tpu-v1 --workload @/a-folder --out @/o",
                        "@/a-folder: is a folder, not a workload file"),
                mistake("folder as a sweep", "sweep @/a-folder --out @/o", "@/a-folder: is a folder, not a sweep file"),
                mistake("folder to check", "check @/a-folder", "@/a-folder: is a folder, not a file to check"),
                mistake("bad stall model", "run --arch tpu-v1 --workload alexnet --stall-model foo --out @/o",
                        "arrayflow run: --stall-model must be physical or scalesim, not 'foo' "
                                + "(see 'arrayflow run --help')"),
                mistake("option for another kind", "run --arch tpu-v1 --workload alexnet --objective edp --out @/o",
                        "arrayflow run: --objective applies to row-stationary architectures only"),
                mistake("bad fusion strategy", "fusion --arch fpga-fused-vgg --workload vgg19 --fusion-strategy foo",
                        "arrayflow fusion: --fusion-strategy must be recompute, reuse or block, not 'foo'"),
                mistake("bad report format", "run --arch tpu-v1 --workload alexnet --report-format xml",
                        "arrayflow run: --report-format must be native or scalesim, not 'xml'"),
                mistake("density above 1", "run --arch tpu-v1 --workload alexnet --transform prune:fc6=1.5 --out @/o",
                        "--transform 'prune:fc6=1.5': density 1.5 must be in (0, 1]"),
                mistake("N:M the wrong way round", "run --arch tpu-v1 --workload alexnet --transform prune:fc6=4:2",
                        "N <= M; did you mean 2:4?"),
                mistake("unknown datatype", "check alexnet --transform quantize:weight=int3",
                        "unknown datatype 'int3'; did you mean 'int2'?"),
                mistake("rank too large", "run --arch tpu-v1 --workload alexnet --transform low_rank:fc8=5000",
                        "rank 5000 is larger than layer 'fc8'", "give a rank from 1 to 1000"),
                mistake("transform pattern that matches nothing", "compare --arch tpu-v1 --workload alexnet "
                        + "--transform prune:fc9=0.1 --out @/c", "'fc9' matches no layer", "did you mean 'fc6', 'fc7' or 'fc8'?"),
                mistake("unsupported datatype on the chip", "run --arch tpu-v1 --workload alexnet "
                        + "--transform quantize:weight=fp16 --out @/q", "fp16"),
                mistake("unknown study", "reproduce compresion", "unknown reproduction target 'compresion'; did you "
                        + "mean 'compression'? (known: eyeriss-isca16, compression, tpu-whatif)"));
    }

    @Test
    void fileSystemRefusalsNameThePathAndTheReason() {
        assertThat(OutputPaths.describe(new FileAlreadyExistsException(dir.resolve("a-file").toString())))
                .isEqualTo(dir.resolve("a-file") + ": exists and is not a folder");
        assertThat(OutputPaths.describe(new AccessDeniedException("/root/x"))).isEqualTo("/root/x: permission denied");
        assertThat(OutputPaths.describe(new NotDirectoryException("/etc/passwd/x"))).isEqualTo("/etc/passwd/x: not a folder");
        // an atomic replacement: the temporary file moved onto the path given
        assertThat(OutputPaths.describe(new FileSystemException("/d/.t.tmp", "/d/t", "Is a directory")))
                .isEqualTo("/d/t: is a directory");
        assertThat(OutputPaths.describe(new FileSystemException("/ro/x", null, "Read-only file system")))
                .isEqualTo("/ro/x: read-only file system");
    }

    static Arguments mistake(String name, String args, String... keys) {
        return Arguments.of(name, args, keys);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("mistakes")
    void oneLineAndExitTwo(String name, String args, String[] keys) {
        String[] argv = args.replace("@", dir.toString()).split(" ");
        CliRun r = CliRun.of(argv);
        assertThat(r.status()).as(r.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Usage:");
        for (String k : keys) {
            assertThat(r.err()).contains(k.replace("@", dir.toString()));
        }
    }
}
