#!/usr/bin/env python3
"""Write a long transformer-encoder workload for the speed benchmark of `arrayflow run`.

Usage:  python3 tools/gen_transformer.py [--blocks N] [--out FILE]

N BERT-base encoder blocks (13 layers each: q, k, v, scores, softmax, context, attention output, add,
layernorm, two FFN layers, add, layernorm; H = 768, 12 heads, FFN 3072, 128 tokens), chained as in
workloads/bert-base.yaml. The default, 768 blocks, gives 9,984 layers (the size of the issue's
measurement); docs/performance.md has the figures. MACs per block: 931,135,488.
"""
import argparse


def block(i, src):
    p = "b%d_" % i
    return [
        "{name: %sq, type: linear, input: %s, outputs: 768}" % (p, src),
        "{name: %sk, type: linear, input: %s, outputs: 768}" % (p, src),
        "{name: %sv, type: linear, input: %s, outputs: 768}" % (p, src),
        "{name: %sscores, type: matmul, inputs: [%sq, %sk], heads: 12, transpose_b: true}" % (p, p, p),
        "{name: %ssoftmax, type: softmax}" % p,
        "{name: %scontext, type: matmul, inputs: [%ssoftmax, %sv], heads: 12}" % (p, p, p),
        "{name: %sattn_out, type: linear, outputs: 768}" % p,
        "{name: %sadd1, type: add, inputs: [%sattn_out, %s]}" % (p, p, src),
        "{name: %sln1, type: layernorm}" % p,
        "{name: %sffn1, type: linear, outputs: 3072}" % p,
        "{name: %sffn2, type: linear, outputs: 768}" % p,
        "{name: %sadd2, type: add, inputs: [%sffn2, %sln1]}" % (p, p, p),
        "{name: %sln2, type: layernorm}" % p,
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--blocks", type=int, default=768)
    ap.add_argument("--out", default="transformer.yaml")
    a = ap.parse_args()
    lines = ["# %d BERT-base encoder blocks (%d layers), written by tools/gen_transformer.py" % (a.blocks, 13 * a.blocks),
             "format: arrayflow-workload/1", "name: transformer-%d" % a.blocks, "batch: 1",
             "input: {channels: 768, height: 1, width: 128}", "layers:"]
    src = "input"
    for i in range(a.blocks):
        lines += ["  - " + l for l in block(i, src)]
        src = "b%d_ln2" % i
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
