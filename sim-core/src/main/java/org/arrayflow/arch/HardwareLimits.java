package org.arrayflow.arch;

import org.arrayflow.dataflow.MappingException;
import org.arrayflow.workload.Layer;
import org.arrayflow.workload.LayerKind;
import org.arrayflow.workload.Network;
import org.arrayflow.workload.Shape;
import org.arrayflow.workload.Window;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The layers a chip's hardware accepts, as declared under {@code limits:} (any kind): an edge NPU such as the
 * K210's KPU runs 1x1 and 3x3 convolutions only, at strides 1 and 2, on feature maps of 1 to 1024 channels and
 * at most 320 x 240, with 2x2 and 4x4 pooling built in. Each list or bound is optional; an empty list or a zero
 * bound does not limit. A layer outside a limit is refused before any simulation, naming the layer, the limit
 * and its value, as a user porting a model to the chip needs.
 *
 * @param kernels       convolution kernels allowed (conv2d layers), as {height, width}
 * @param strides       convolution strides allowed, in both directions
 * @param minChannels   fewest channels of any layer's input and output feature maps
 * @param maxChannels   most channels (0: no bound)
 * @param maxWidth      widest input feature map of any layer (0: no bound)
 * @param maxHeight     tallest input feature map of any layer (0: no bound)
 * @param poolWindows   windows of the built-in pooling (maxpool and avgpool layers), as {height, width}
 * @param dramBytes     DRAM capacity ({@code size_gib} of the DRAM entry, any kind), of one core's DRAM where the
 *                      cores have their own, 0 when not declared; a network too large for it is warned about, not
 *                      refused ({@code sim.DramFit})
 */
public record HardwareLimits(List<int[]> kernels, List<Integer> strides, int minChannels, int maxChannels,
                             int maxWidth, int maxHeight, List<int[]> poolWindows, long dramBytes) {
    public static final HardwareLimits NONE = new HardwareLimits(List.of(), List.of(), 0, 0, 0, 0, List.of(), 0);

    public HardwareLimits {
        kernels = List.copyOf(kernels);
        strides = List.copyOf(strides);
        poolWindows = List.copyOf(poolWindows);
    }

    /** Every layer of the network, in order: the first outside a limit is a mapping error. */
    public void check(Network net, String archName) {
        for (Layer l : net.layers()) {
            check(l, archName);
        }
    }

    public void check(Layer l, String archName) {
        Window w = l.window();
        if (l.kind() == LayerKind.CONV2D && w != null) {
            if (!kernels.isEmpty() && !contains(kernels, w.kh(), w.kw())) {
                throw refused(l, archName, "its kernel is " + w.kh() + "x" + w.kw(), "kernels " + sizes(kernels));
            }
            if (!strides.isEmpty() && !(strides.contains(w.sh()) && strides.contains(w.sw()))) {
                String s = w.sh() == w.sw() ? String.valueOf(w.sh()) : w.sh() + "," + w.sw();
                throw refused(l, archName, "its stride is " + s, "strides " + strides.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")));
            }
        }
        if ((l.kind() == LayerKind.MAXPOOL || l.kind() == LayerKind.AVGPOOL) && w != null && !poolWindows.isEmpty()
                && !contains(poolWindows, w.kh(), w.kw())) {
            throw refused(l, archName, "its pooling window is " + w.kh() + "x" + w.kw(),
                    "pool_windows " + sizes(poolWindows));
        }
        for (Shape in : l.inputShapes()) {
            checkChannels(l, archName, "input", in.channels());
            if (maxWidth > 0 && in.width() > maxWidth || maxHeight > 0 && in.height() > maxHeight) {
                throw refused(l, archName, "its input is " + in.width() + " x " + in.height() + " (width x height)",
                        "max_input " + (maxWidth > 0 ? maxWidth : "any") + " x " + (maxHeight > 0 ? maxHeight : "any"));
            }
        }
        checkChannels(l, archName, "output", l.output().channels());
    }

    private void checkChannels(Layer l, String archName, String which, int c) {
        if (c < minChannels || maxChannels > 0 && c > maxChannels) {
            throw refused(l, archName, "its " + which + " has " + c + " channels",
                    "channels " + minChannels + " to " + (maxChannels > 0 ? maxChannels : "any"));
        }
    }

    private static MappingException refused(Layer l, String archName, String value, String limit) {
        return new MappingException("layer '" + l.name() + "': " + value + ", outside " + archName
                + "'s hardware limit (limits: " + limit + ")");
    }

    private static boolean contains(List<int[]> sizes, int h, int w) {
        return sizes.stream().anyMatch(s -> s[0] == h && s[1] == w);
    }

    private static String sizes(List<int[]> sizes) {
        return sizes.stream().map(s -> s[0] + "x" + s[1]).collect(Collectors.joining(", "));
    }
}
