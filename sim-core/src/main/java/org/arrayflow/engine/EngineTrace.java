package org.arrayflow.engine;

import java.util.List;

/**
 * What a traced engine run recorded, for the Chrome/Perfetto trace: the start and end of every task, and
 * every change of a buffer's occupancy. Recorded only when a run is traced; an untraced run has {@link #NONE}.
 *
 * @param tasks   every task, in program order
 * @param buffers occupancy changes in the order they happened (several may share a cycle: the last holds)
 */
public record EngineTrace(List<EngineResult.TraceEvent> tasks, List<BufferSample> buffers) {
    public static final EngineTrace NONE = new EngineTrace(List.of(), List.of());

    public EngineTrace {
        tasks = List.copyOf(tasks);
        buffers = List.copyOf(buffers);
    }

    /** Bytes of {@code buffer} allocated (by tasks that started and have not freed them) after {@code cycle}. */
    public record BufferSample(String buffer, long cycle, long bytes, long capacity) {}
}
