#!/usr/bin/env python3
"""Shape inference and MAC counting for arrayflow-workload/1 files.

Usage:  python3 tools/check_workloads.py [workloads/*.yaml] [-v]

Reads each workload (PyYAML if present, else a minimal parser for the
flow-style subset the bundled files use), infers every tensor shape with the
rules of the format, and prints per-layer (-v) and total MACs.  The same
engine (`analyze`) is used by tools/gen_workloads.py.
"""
import glob
import os
import re
import sys

FORMAT = "arrayflow-workload/1"


class WorkloadError(Exception):
    pass


def _pair(v, name):
    if isinstance(v, int) and not isinstance(v, bool):
        return v, v
    if isinstance(v, list) and len(v) == 2 and all(isinstance(x, int) for x in v):
        return v[0], v[1]
    raise WorkloadError(f"{name}: expected int or [a, b], got {v!r}")


def _out_dim(size, k, s, p, d=1):
    out = (size + 2 * p - d * (k - 1) - 1) // s + 1
    if out <= 0:
        raise WorkloadError(f"non-positive output size (in={size}, k={k}, s={s}, p={p}, d={d})")
    return out


def expand(layers):
    """Layers with repeat blocks written out: {i} is the iteration, {i-1} the previous one (the block's input,
    by default the layer before the block, in the first iteration)."""
    out = []
    for L in layers:
        if "repeat" not in L:
            out.append(L)
            continue
        var, first = L.get("as", "i"), L.get("from", 0)
        block_input = L.get("input", out[-1]["name"] if out else "input")
        for it in range(first, first + L["repeat"]):
            def sub(s, ref):
                if ref and "{" + var + "-1}" in s:
                    return block_input if it == first else s.replace("{" + var + "-1}", str(it - 1)).replace(
                        "{" + var + "}", str(it))
                return s.replace("{" + var + "}", str(it))
            for B in L["layers"]:
                B = dict(B)
                B["name"] = sub(B["name"], False)
                if "input" in B:
                    B["input"] = sub(B["input"], True)
                if "inputs" in B:
                    B["inputs"] = [sub(s, True) for s in B["inputs"]]
                out.append(B)
    return out


def analyze(wl):
    """Return list of (name, type, out_shape, macs_per_image)."""
    if wl.get("format") != FORMAT:
        raise WorkloadError(f"format must be {FORMAT!r}")
    inp = wl["input"]
    shapes = {"input": (inp["channels"], inp["height"], inp["width"])}
    prev = "input"
    rows = []
    for L in expand(wl["layers"]):
        name, typ = L["name"], L["type"]
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+", name) or name in shapes:
            raise WorkloadError(f"bad or duplicate layer name {name!r}")
        if "inputs" in L:
            srcs = L["inputs"]
        else:
            srcs = [L.get("input", prev)]
        for s in srcs:
            if s not in shapes:
                raise WorkloadError(f"{name}: unknown input {s!r}")
        C, H, W = shapes[srcs[0]]
        macs = 0
        if typ == "conv2d":
            F = L["filters"]
            kh, kw = _pair(L["kernel"], name)
            sh, sw = _pair(L.get("stride", 1), name)
            ph, pw = _pair(L.get("padding", 0), name)
            d = L.get("dilation", 1)
            g = L.get("groups", 1)
            if g == "depthwise":
                g = C
            if C % g or F % g:
                raise WorkloadError(f"{name}: channels {C} / filters {F} not divisible by groups {g}")
            oh, ow = _out_dim(H, kh, sh, ph, d), _out_dim(W, kw, sw, pw, d)
            out = (F, oh, ow)
            macs = oh * ow * F * kh * kw * (C // g)
        elif typ == "fc":
            out = (L["outputs"], 1, 1)
            macs = C * H * W * L["outputs"]
        elif typ == "linear":
            out = (L["outputs"], H, W)
            macs = H * W * C * L["outputs"]
        elif typ == "gemm":
            m, n, k = L["m"], L["n"], L["k"]
            out = (n, 1, m)
            macs = m * n * k
        elif typ == "matmul":
            if len(srcs) != 2:
                raise WorkloadError(f"{name}: matmul needs 2 inputs")
            (Ca, _, T), (Cb, _, Tb) = shapes[srcs[0]], shapes[srcs[1]]
            h = L.get("heads", 1)
            if Ca % h or Cb % h:
                raise WorkloadError(f"{name}: channels not divisible by heads")
            if L.get("transpose_b", False):
                if Ca // h != Cb // h:
                    raise WorkloadError(f"{name}: inner dims differ")
                K, N = Ca // h, Tb
                out = (h * Tb, 1, T)
            else:
                if Ca // h != Tb:
                    raise WorkloadError(f"{name}: inner dims differ ({Ca // h} vs {Tb})")
                K, N = Tb, Cb // h
                out = (Cb, 1, T)
            macs = h * T * K * N
        elif typ in ("maxpool", "avgpool"):
            kh, kw = _pair(L["kernel"], name)
            sh, sw = _pair(L.get("stride", L["kernel"]), name)
            ph, pw = _pair(L.get("padding", 0), name)
            out = (C, _out_dim(H, kh, sh, ph), _out_dim(W, kw, sw, pw))
        elif typ == "global_avgpool":
            out = (C, 1, 1)
        elif typ == "add":
            if len(srcs) < 2 or any(shapes[s] != shapes[srcs[0]] for s in srcs):
                raise WorkloadError(f"{name}: add inputs missing or of unequal shape")
            out = (C, H, W)
        elif typ in ("softmax", "layernorm", "activation", "batchnorm"):
            out = (C, H, W)
        elif typ == "conv_transpose":
            F = L["filters"]
            kh, kw = _pair(L["kernel"], name)
            sh, sw = _pair(L.get("stride", 1), name)
            ph, pw = _pair(L.get("padding", 0), name)
            oph, opw = _pair(L.get("output_padding", 0), name)
            d = L.get("dilation", 1)
            g = C if L.get("groups", 1) == "depthwise" else L.get("groups", 1)
            out = (F, (H - 1) * sh - 2 * ph + d * (kh - 1) + oph + 1, (W - 1) * sw - 2 * pw + d * (kw - 1) + opw + 1)
            macs = C * F * kh * kw * H * W // g
        elif typ == "concat":
            if any(shapes[s][1:] != (H, W) for s in srcs):
                raise WorkloadError(f"{name}: concat inputs differ in height or width")
            out = (sum(shapes[s][0] for s in srcs), H, W)
        elif typ == "split":
            if L.get("offset", 0) + L["channels"] > C:
                raise WorkloadError(f"{name}: channels past the input's {C}")
            out = (L["channels"], H, W)
        elif typ == "upsample":
            s_h, s_w = _pair(L.get("scale", 2), name)
            out = (C, H * s_h, W * s_w)
        elif typ == "embedding":
            out = (L["dim"], H, W)
        else:
            raise WorkloadError(f"{name}: unknown type {typ!r}")
        shapes[name] = out
        prev = name
        rows.append((name, typ, out, macs))
    return rows


# ---- minimal loader for the flow-style subset (used only without PyYAML) ----
def _scalar(tok):
    tok = tok.strip()
    if tok.startswith("[") and tok.endswith("]"):
        return [_scalar(t) for t in tok[1:-1].split(",") if t.strip()]
    if re.fullmatch(r"-?\d+", tok):
        return int(tok)
    if tok in ("true", "false"):
        return tok == "true"
    return tok


def _flow_map(text):
    text = text.strip()
    assert text.startswith("{") and text.endswith("}"), text
    items, depth, cur = [], 0, ""
    for ch in text[1:-1]:
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        if ch == "," and depth == 0:
            items.append(cur)
            cur = ""
        else:
            cur += ch
    if cur.strip():
        items.append(cur)
    return {k.strip(): _scalar(v) for k, v in (i.split(":", 1) for i in items)}


def _mini_load(text):
    doc, layers = {}, None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if layers is not None and line.lstrip().startswith("- repeat"):
            raise WorkloadError("repeat blocks need PyYAML (pip install pyyaml)")
        if layers is not None and line.lstrip().startswith("- "):
            layers.append(_flow_map(line.lstrip()[2:]))
            continue
        key, val = line.split(":", 1)
        val = val.strip()
        if key == "layers":
            layers = doc["layers"] = []
        elif val.startswith("{"):
            doc[key] = _flow_map(val)
        else:
            doc[key] = _scalar(val)
    return doc


def load(path):
    with open(path) as f:
        text = f.read()
    try:
        import yaml
    except ImportError:
        return _mini_load(text)
    return yaml.safe_load(text)


def main(argv):
    verbose = "-v" in argv
    paths = [a for a in argv if a != "-v"]
    if not paths:
        here = os.path.dirname(os.path.abspath(__file__))
        paths = sorted(glob.glob(os.path.join(here, "..", "workloads", "*.yaml")))
    ok = True
    for p in paths:
        try:
            wl = load(p)
            rows = analyze(wl)
        except (WorkloadError, KeyError) as e:
            print(f"{p}: ERROR {e}")
            ok = False
            continue
        b = wl.get("batch", 1)
        if verbose:
            for name, typ, out, macs in rows:
                print(f"  {name:28s} {typ:15s} {str(out):18s} {macs * b:>16,}")
        total = sum(r[3] for r in rows) * b
        print(f"{wl['name']:14s} layers={len(rows):4d} batch={b}  MACs={total:,}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
