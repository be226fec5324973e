#!/usr/bin/env python3
"""Generate the bundled arrayflow-workload/1 files in workloads/.

Usage:  python3 tools/gen_workloads.py [-v]

Writes workloads/{alexnet,vgg16,vgg19,resnet50,mobilenet-v2,bert-base}.yaml (bert-base as a repeat block),
recomputes every layer's shape and MACs with tools/check_workloads.py's
engine (both from the in-memory definition and by re-reading the written
file), and checks the totals against the published / reference values.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_workloads import FORMAT, analyze, load  # noqa: E402

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
OUT_DIR = os.path.join(ROOT, "workloads")

# key order used when writing a layer
KEY_ORDER = ["name", "type", "input", "inputs", "filters", "outputs", "m", "n", "k",
             "kernel", "stride", "padding", "dilation", "groups", "heads", "transpose_b"]


def _val(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "[" + ", ".join(_val(x) for x in v) + "]"
    if isinstance(v, str) and "{" in v:
        return '"' + v + '"'  # a repeat block's placeholder: braces are YAML syntax
    return str(v)


def _flow(d):
    keys = sorted(d, key=KEY_ORDER.index)
    return "{" + ", ".join(f"{k}: {_val(d[k])}" for k in keys) + "}"


def write(wl, header):
    path = os.path.join(OUT_DIR, wl["name"] + ".yaml")
    lines = ["# " + h if h else "#" for h in header]
    lines += [f"format: {FORMAT}", f"name: {wl['name']}", f"batch: {wl['batch']}",
              "input: " + _flow_input(wl["input"]), "layers:"]
    for L in wl["layers"]:
        if "repeat" in L:
            lines += [f"  - repeat: {L['repeat']}", f"    as: {L['as']}", "    layers:"]
            lines += ["      - " + _flow(B) for B in L["layers"]]
        else:
            lines.append("  - " + _flow(L))
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def _flow_input(i):
    return f"{{channels: {i['channels']}, height: {i['height']}, width: {i['width']}}}"


def L(name, type, **kw):
    d = {"name": name, "type": type}
    d.update(kw)
    return d


# --------------------------------------------------------------------------
def alexnet():
    layers = [
        L("conv1", "conv2d", filters=96, kernel=11, stride=4),
        L("pool1", "maxpool", kernel=3, stride=2),
        L("conv2", "conv2d", filters=256, kernel=5, padding=2, groups=2),
        L("pool2", "maxpool", kernel=3, stride=2),
        L("conv3", "conv2d", filters=384, kernel=3, padding=1),
        L("conv4", "conv2d", filters=384, kernel=3, padding=1, groups=2),
        L("conv5", "conv2d", filters=256, kernel=3, padding=1, groups=2),
        L("pool5", "maxpool", kernel=3, stride=2),
        L("fc6", "fc", outputs=4096),
        L("fc7", "fc", outputs=4096),
        L("fc8", "fc", outputs=1000),
    ]
    header = [
        "AlexNet, Eyeriss variant: Krizhevsky et al., NIPS 2012, with the layer shapes of",
        "Chen et al., \"Eyeriss: A Spatial Architecture for Energy-Efficient Dataflow for",
        "CNNs\", ISCA 2016, Table II (also JSSC 2017, Table III): 227x227 input, conv1 with",
        "no padding (-> 55x55), conv2/conv4/conv5 split into 2 groups as in the original.",
        "ReLU/LRN are not modelled (0 MACs).",
        "Expected MACs per image: conv1 105,415,200; conv2 223,948,800; conv3 149,520,384;",
        "conv4 112,140,288; conv5 74,760,192; CONV total 665,784,864 (Eyeriss, ISSCC 2016:",
        "\"666 million MACs per 227x227 image\"). FC: fc6 37,748,736; fc7 16,777,216;",
        "fc8 4,096,000. Total with FC: 724,406,816 (computed, tools/gen_workloads.py).",
    ]
    return {"name": "alexnet", "batch": 1,
            "input": {"channels": 3, "height": 227, "width": 227}, "layers": layers}, header


def vgg(depth):
    convs_per_stage = {16: [2, 2, 3, 3, 3], 19: [2, 2, 4, 4, 4]}[depth]
    widths = [64, 128, 256, 512, 512]
    layers = []
    for s, (n, w) in enumerate(zip(convs_per_stage, widths), start=1):
        for i in range(1, n + 1):
            layers.append(L(f"conv{s}_{i}", "conv2d", filters=w, kernel=3, padding=1))
        layers.append(L(f"pool{s}", "maxpool", kernel=2, stride=2))
    layers += [L("fc6", "fc", outputs=4096), L("fc7", "fc", outputs=4096),
               L("fc8", "fc", outputs=1000)]
    cfg, total = ("D", "15,470,264,320") if depth == 16 else ("E", "19,632,062,464")
    header = [
        f"VGG-{depth}: Simonyan & Zisserman, \"Very Deep Convolutional Networks for Large-Scale",
        f"Image Recognition\", ICLR 2015, configuration {cfg} (Table 1). 224x224 input, all convs",
        "3x3 stride 1 pad 1, 2x2/2 max-pooling, fc6 on 512x7x7. ReLU not modelled.",
        f"Expected MACs per image: ~{'15.47' if depth == 16 else '19.6'} G (commonly cited figure;",
        f"the paper itself gives only parameters, {138 if depth == 16 else 144}M, Table 2).",
        f"Computed total: {total} (tools/gen_workloads.py).",
    ]
    return {"name": f"vgg{depth}", "batch": 1,
            "input": {"channels": 3, "height": 224, "width": 224}, "layers": layers}, header


def resnet50():
    layers = [L("conv1", "conv2d", filters=64, kernel=7, stride=2, padding=3),
              L("pool1", "maxpool", kernel=3, stride=2, padding=1)]
    prev = "pool1"
    for stage, (n, w) in enumerate(zip([3, 4, 6, 3], [64, 128, 256, 512]), start=2):
        for b in range(n):
            p = f"res{stage}{chr(ord('a') + b)}"
            stride = 2 if (b == 0 and stage > 2) else 1
            c2b = dict(filters=w, kernel=3, padding=1)
            if stride != 1:
                c2b["stride"] = stride
            # branch2a reads the previous layer's output (pool1 or the previous add)
            layers.append(L(f"{p}_branch2a", "conv2d", filters=w, kernel=1))
            layers.append(L(f"{p}_branch2b", "conv2d", **c2b))
            layers.append(L(f"{p}_branch2c", "conv2d", filters=4 * w, kernel=1))
            if b == 0:
                sc = dict(input=prev, filters=4 * w, kernel=1)
                if stride != 1:
                    sc["stride"] = stride
                layers.append(L(f"{p}_branch1", "conv2d", **sc))
                layers.append(L(p, "add", inputs=[f"{p}_branch2c", f"{p}_branch1"]))
            else:
                layers.append(L(p, "add", inputs=[f"{p}_branch2c", prev]))
            prev = p
    layers += [L("pool5", "global_avgpool"), L("fc1000", "fc", outputs=1000)]
    header = [
        "ResNet-50: He et al., \"Deep Residual Learning for Image Recognition\", CVPR 2016",
        "(Table 1, 50-layer column), torchvision variant a.k.a. ResNet-50 \"v1.5\": the",
        "stride-2 downsampling of stages 3-5 is in the 3x3 conv (branch2b) of the first block,",
        "not in the first 1x1 conv as in the paper / Caffe model (v1.5 has more MACs).",
        "Projection shortcut (1x1 conv, stage stride) on the first block of every stage,",
        "identity shortcut otherwise. Caffe-style layer names. BN/ReLU not modelled.",
        "Expected MACs per image: ~4.09 G incl. fc1000 (torchvision ResNet-50 reference",
        "figure, 4.09 \"GFLOPS\" = multiply-adds); 4,087,136,256 without the fc.",
        "Computed total: 4,089,184,256 (tools/gen_workloads.py).",
    ]
    return {"name": "resnet50", "batch": 1,
            "input": {"channels": 3, "height": 224, "width": 224}, "layers": layers}, header


def mobilenet_v2():
    layers = [L("conv1", "conv2d", filters=32, kernel=3, stride=2, padding=1)]
    cin, prev, blk = 32, "conv1", 0
    for t, c, n, s in [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2),
                       (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]:
        for i in range(n):
            stride = s if i == 0 else 1
            hid = cin * t
            p = f"block{blk}"
            if t != 1:
                layers.append(L(f"{p}_expand", "conv2d", filters=hid, kernel=1))
            dw = dict(filters=hid, kernel=3, padding=1, groups="depthwise")
            if stride != 1:
                dw["stride"] = stride
            layers.append(L(f"{p}_dw", "conv2d", **dw))
            layers.append(L(f"{p}_project", "conv2d", filters=c, kernel=1))
            if stride == 1 and cin == c:
                layers.append(L(f"{p}_add", "add", inputs=[f"{p}_project", prev]))
                prev = f"{p}_add"
            else:
                prev = f"{p}_project"
            cin, blk = c, blk + 1
    layers += [L("conv_last", "conv2d", filters=1280, kernel=1),
               L("pool", "global_avgpool"), L("fc", "fc", outputs=1000)]
    header = [
        "MobileNetV2 (width 1.0, 224x224): Sandler et al., \"MobileNetV2: Inverted Residuals",
        "and Linear Bottlenecks\", CVPR 2018, Table 2 (t, c, n, s). Blocks are numbered",
        "block0..block16; each has a 1x1 expansion (omitted when t = 1), a 3x3 depthwise conv",
        "(groups: depthwise, multiplier 1 so filters = expanded channels) carrying the stride",
        "on the first repeat, a linear 1x1 projection, and an add when stride 1 and in == out.",
        "BN/ReLU6 and dropout not modelled.",
        "Expected MACs per image: ~300M (paper Table 4: 300M multiply-adds; torchvision",
        "mobilenet_v2 is reported as 300.8M / 0.30 GFLOPs).",
        "Computed total: 300,774,272 (tools/gen_workloads.py).",
    ]
    return {"name": "mobilenet-v2", "batch": 1,
            "input": {"channels": 3, "height": 224, "width": 224}, "layers": layers}, header


def bert_base(seq=128, hidden=768, heads=12, ffn=3072, n_layers=12):
    # one repeat block: {i} is the encoder layer's number, {i-1} the previous one's (the input for layer 0)
    p, prev = "l{i}_", "l{i-1}_ln2"
    body = [
        L(p + "q", "linear", input=prev, outputs=hidden),
        L(p + "k", "linear", input=prev, outputs=hidden),
        L(p + "v", "linear", input=prev, outputs=hidden),
        L(p + "scores", "matmul", inputs=[p + "q", p + "k"], heads=heads, transpose_b=True),
        L(p + "softmax", "softmax"),
        L(p + "context", "matmul", inputs=[p + "softmax", p + "v"], heads=heads),
        L(p + "attn_out", "linear", outputs=hidden),
        L(p + "add1", "add", inputs=[p + "attn_out", prev]),
        L(p + "ln1", "layernorm"),
        L(p + "ffn1", "linear", outputs=ffn),
        L(p + "ffn2", "linear", outputs=hidden),
        L(p + "add2", "add", inputs=[p + "ffn2", p + "ln1"]),
        L(p + "ln2", "layernorm"),
    ]
    layers = [{"repeat": n_layers, "as": "i", "layers": body}]
    header = [
        "BERT-base encoder: Devlin et al., \"BERT: Pre-training of Deep Bidirectional",
        "Transformers for Language Understanding\", NAACL 2019 (L=12, H=768, A=12, FFN 3072),",
        "sequence length 128. Tensors are (features, 1, tokens). Only the 12 encoder layers",
        "l0..l11 are modelled: the embeddings (lookup + layernorm) and the pooler / task head",
        "are excluded. Biases, scaling by 1/sqrt(64), GELU, dropout and masking: 0 MACs.",
        "The 12 identical encoder layers are one repeat block (l{i}_..., i = 0..11), expanded at",
        "load time; layer 0 reads the input where the others read l{i-1}_ln2.",
        "Expected MACs per layer: 4*128*768*768 + 2*12*128*128*64 + 2*128*768*3072",
        "= 931,135,488; total 12 layers = 11,173,625,856 (batch 1).",
    ]
    return {"name": "bert-base", "batch": 1,
            "input": {"channels": hidden, "height": 1, "width": seq}, "layers": layers}, header


# --------------------------------------------------------------------------
EXPECTED = {  # total MACs per image (exact where a reference count exists)
    "alexnet": 724_406_816,
    "vgg16": 15_470_264_320,
    "vgg19": 19_632_062_464,
    "resnet50": 4_089_184_256,
    "mobilenet-v2": 300_774_272,
    "bert-base": 11_173_625_856,
}
EXPECTED_LAYERS = {
    "alexnet": {"conv1": 105_415_200, "conv2": 223_948_800, "conv3": 149_520_384,
                "conv4": 112_140_288, "conv5": 74_760_192},
}
APPROX = {  # published approximate figures, relative tolerance
    "alexnet": (665_784_864, None),  # conv-only total, checked separately
    "vgg16": (15.47e9, 0.005), "vgg19": (19.6e9, 0.005),
    "resnet50": (4.09e9, 0.005), "mobilenet-v2": (300e6, 0.01), "bert-base": (11.17e9, 0.005),
}


def main():
    verbose = "-v" in sys.argv
    os.makedirs(OUT_DIR, exist_ok=True)
    failures = []
    summary = []
    for fn in (alexnet, lambda: vgg(16), lambda: vgg(19), resnet50, mobilenet_v2, bert_base):
        wl, header = fn()
        wl["format"] = FORMAT
        path = write(wl, header)
        rows = analyze(wl)
        rows_file = analyze(load(path))
        if rows != rows_file:
            failures.append(f"{wl['name']}: re-read file differs from definition")
        b = wl["batch"]
        total = sum(r[3] for r in rows) * b
        if verbose:
            print(f"== {wl['name']}")
            for name, typ, out, macs in rows:
                if macs:
                    print(f"  {name:22s} {typ:8s} {str(out):18s} {macs:>16,}")
        for lname, exp in EXPECTED_LAYERS.get(wl["name"], {}).items():
            got = next(r[3] for r in rows if r[0] == lname)
            if got != exp:
                failures.append(f"{wl['name']}.{lname}: {got:,} != {exp:,}")
        if wl["name"] == "alexnet":
            conv = sum(r[3] for r in rows if r[1] == "conv2d")
            if conv != 665_784_864:
                failures.append(f"alexnet conv total {conv:,} != 665,784,864")
        ref, tol = APPROX[wl["name"]]
        if tol is not None and abs(total - ref) > tol * ref:
            failures.append(f"{wl['name']}: {total:,} not within {tol:.1%} of {ref:,.0f}")
        exp = EXPECTED[wl["name"]]
        status = "ok" if total == exp else f"MISMATCH (expected {exp:,})"
        if total != exp:
            failures.append(f"{wl['name']}: total {total:,} != {exp:,}")
        summary.append((wl["name"], len(rows), total, status, os.path.relpath(path, ROOT)))
    print(f"{'network':14s} {'layers':>6s} {'total MACs':>18s}  check  file")
    for name, n, total, status, rel in summary:
        print(f"{name:14s} {n:6d} {total:18,}  {status:5s}  {rel}")
    if failures:
        print("FAILURES:\n  " + "\n  ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
