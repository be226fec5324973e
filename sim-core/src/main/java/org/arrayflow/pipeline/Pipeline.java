package org.arrayflow.pipeline;

import org.arrayflow.sim.DramFit;
import org.arrayflow.arch.ArchLoader;
import org.arrayflow.arch.Architecture;
import org.arrayflow.arch.RunOptions;
import org.arrayflow.config.Bundled;
import org.arrayflow.config.ConfigException;
import org.arrayflow.result.NetworkResult;
import org.arrayflow.scalesim.ScaleSimConfig;
import org.arrayflow.scalesim.ScaleSimRun;
import org.arrayflow.scalesim.StallModel;
import org.arrayflow.sim.SimOptions;
import org.arrayflow.sim.Simulator;
import org.arrayflow.transform.Changes;
import org.arrayflow.workload.Network;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The one way every command, the validation runner, sweeps and the benchmarks simulate:
 * resolve the inputs (YAML, or SCALE-Sim's .cfg and .csv) → apply the options and the workload's compression
 * transforms → plan, run on the engine and account ({@link Simulator}) → adjust (SCALE-Sim's timing convention,
 * for a SCALE-Sim configuration).
 */
public final class Pipeline {
    private Pipeline() {}

    public static RunOutput run(RunRequest request) {
        return simulate(resolve(request));
    }

    /** The inputs of a request read, checked and with its options applied; nothing is simulated yet. */
    public static Inputs resolve(RunRequest r) {
        Map<String, String> options = new LinkedHashMap<>(r.options());
        String format = options.remove(RunRequest.WORKLOAD_FORMAT);
        String stall = options.remove(RunRequest.STALL_MODEL);
        StallModel stallModel = stall == null ? StallModel.PHYSICAL : StallModel.fromName(stall);
        if (stallModel == null) {
            throw ConfigException.of(r.where(), "option stall_model must be physical or scalesim, not '" + stall + "'");
        }
        String dims = options.remove(RunRequest.DIM);
        String unsupported = options.remove(RunRequest.UNSUPPORTED);
        boolean onnx = Workloads.isOnnx(r.workload());
        if ((dims != null || unsupported != null) && !onnx) {
            throw ConfigException.of(r.where(), "options dim and unsupported apply to ONNX models (.onnx) only");
        }
        org.arrayflow.onnx.OnnxImport.Options onnxOptions = Workloads.onnxOptions(dims, unsupported, r.where());
        boolean topology = Workloads.takesTopologyFormat(r.workload());
        if (format != null && !topology) {
            throw ConfigException.of(r.where(), "option workload_format applies to SCALE-Sim topology CSVs only");
        }
        // The workload (the larger file, for a large network by far) is read on a second thread while the
        // architecture is read here; the architecture's errors are reported first, as before.
        int prompt = tokens(options.remove(RunRequest.PROMPT), RunRequest.PROMPT, r.where());
        tokens(options.remove(RunRequest.GENERATE), RunRequest.GENERATE, r.where()); // used by the LLM's phases
        if ((r.options().containsKey(RunRequest.PROMPT) || r.options().containsKey(RunRequest.GENERATE))
                && Workloads.llm(r.workload(), 0, 0, 0) == null) {
            throw ConfigException.of(r.where(), "options prompt and generate apply to LLM workloads "
                    + "(format arrayflow-llm/1) only");
        }
        FutureTask<Workloads.Loaded> workload = new FutureTask<>(() -> Workloads.read(r.workload(), r.batch(),
                Workloads.topologyFormat(format, r.where()), r.transforms(), onnxOptions, prompt));
        Thread reader = new Thread(workload, "workload-reader");
        reader.setDaemon(true);
        reader.start();
        Architecture arch;
        ScaleSimConfig cfg;
        try {
            cfg = ScaleSimConfig.isConfigFile(r.arch()) ? scaleSimConfig(r, options, topology) : null;
            arch = cfg != null ? cfg.toArch() : yamlArchitecture(r, options, stallModel);
        } catch (RuntimeException e) {
            workload.cancel(true);
            throw e;
        }
        Workloads.Loaded loaded = join(workload, "reading the workload");
        Changes changes = loaded.changes();
        java.util.List<String> notes = new java.util.ArrayList<>(loaded.notes());
        String fit = DramFit.warning(arch, changes.after());
        if (fit != null) {
            notes.add(fit);
        }
        return new Inputs(r, arch, changes.after(), Bundled.resolve(Bundled.ARCH, r.arch()).text(), loaded.text(), cfg,
                stallModel, changes, java.util.List.copyOf(notes));
    }

    /** A token count given as an option: a whole number from 1 to {@code LlmReader.MAX_TOKENS}, or 0 when absent. */
    private static int tokens(String value, String option, String where) {
        if (value == null) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= org.arrayflow.llm.LlmReader.MAX_TOKENS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigException.of(where, "option " + option + " must be a whole number of tokens from 1 to "
                + org.arrayflow.llm.LlmReader.MAX_TOKENS + ", not '" + value + "'");
    }

    /** SCALE-Sim mode: its topologies, batch 1, and no options but its own. */
    private static ScaleSimConfig scaleSimConfig(RunRequest r, Map<String, String> options, boolean topology) {
        if (!topology) {
            throw ConfigException.of(r.where(), "a SCALE-Sim configuration (.cfg) runs a SCALE-Sim topology (.csv) "
                    + "as its workload");
        }
        if (r.batch() > 1) {
            throw ConfigException.of(r.where(), "SCALE-Sim mode runs batch 1 (a batch is for YAML workloads)");
        }
        if (!options.isEmpty()) {
            throw ConfigException.of(r.where(), "unknown option(s) " + options.keySet() + " for a SCALE-Sim "
                    + "configuration (known: " + RunRequest.WORKLOAD_FORMAT + ", " + RunRequest.STALL_MODEL + ")");
        }
        return ScaleSimConfig.load(r.arch());
    }

    /** A YAML architecture with the request's options applied. */
    private static Architecture yamlArchitecture(RunRequest r, Map<String, String> options, StallModel stallModel) {
        if (stallModel != StallModel.PHYSICAL) {
            throw ConfigException.of(r.where(), "option stall_model: scalesim needs a SCALE-Sim configuration "
                    + "(.cfg) as the architecture");
        }
        return RunOptions.apply(ArchLoader.load(r.arch()), options, r.where());
    }

    /**
     * What a task computed on its own thread (the workload read, the decode steps simulated), its errors rethrown
     * as they were thrown there; {@code doing} names the work for the message of an interruption.
     */
    public static <T> T join(FutureTask<T> task, String doing) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + doing, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Plan, run and account the resolved inputs, then apply SCALE-Sim's timing in SCALE-Sim mode. */
    public static RunOutput simulate(Inputs in) {
        if (in.scaleSimMode()) {
            ScaleSimRun ss = ScaleSimRun.run(in.scaleSim(), in.network(), in.request().trace(), in.stallModel());
            return new RunOutput(in, ss.result(), ss.layers());
        }
        NetworkResult r = Simulator.run(in.arch(), in.network(), new SimOptions(in.request().trace(), false));
        return new RunOutput(in, r, List.of());
    }

    /** For an architecture and a network built elsewhere (a sweep's points): plan, run and account. */
    public static NetworkResult simulate(Architecture arch, Network network) {
        return Simulator.run(arch, network, SimOptions.DEFAULT);
    }
}
