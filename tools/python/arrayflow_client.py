"""A small client for `arrayflow serve`, for notebooks and scripts (standard library only; pandas optional).

    from arrayflow_client import Arrayflow

    with Arrayflow() as af:                      # starts ./arrayflow serve once
        r = af.run("tpu-v1", "resnet50")         # a dict: the totals of result.json
        t = af.layers("tpu-v1", "resnet50")      # per-layer rows
        c = af.compare(["tpu-v1", "eyeriss-v1"], ["alexnet"])
        s = af.sweep("sweeps/tpu-array-size.yaml", "out/sweep")   # the rows of results.csv

Tables are pandas DataFrames when pandas is installed (and frames=True), else lists of dicts. A request
with bad input raises ArrayflowError with the same one-line message the command line prints; the server
keeps serving. The server process is found from ARRAYFLOW_CMD (a shell-quoted command, e.g. a java -cp
line), else the `arrayflow` launcher at the repository root.
"""

import csv
import json
import os
import shlex
import subprocess

__all__ = ["Arrayflow", "ArrayflowError"]


class ArrayflowError(Exception):
    """A request the server refused: its message is the command line's one-line error."""


def _default_command():
    env = os.environ.get("ARRAYFLOW_CMD")
    if env:
        return shlex.split(env)
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return [os.path.join(root, "arrayflow"), "serve"]


def _table(rows, frames):
    if frames:
        try:
            import pandas
        except ImportError:
            return rows
        return pandas.DataFrame(rows)
    return rows


class Arrayflow:
    """One `arrayflow serve` process; inputs are read once and the simulator stays warm between calls."""

    def __init__(self, command=None, frames=True, cwd=None):
        self._frames = frames
        self._next_id = 0
        self._proc = subprocess.Popen(command or _default_command(), stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, cwd=cwd, text=True, encoding="utf-8", bufsize=1)

    def request(self, op, **fields):
        """Sends one request and returns the reply (a dict); raises ArrayflowError if it failed."""
        self._next_id += 1
        fields = {k: v for k, v in fields.items() if v is not None}
        self._proc.stdin.write(json.dumps(dict(fields, id=self._next_id, op=op)) + "\n")
        self._proc.stdin.flush()
        line = self._proc.stdout.readline()
        if not line:
            raise ArrayflowError("the arrayflow server stopped (exit status %s)" % self._proc.poll())
        reply = json.loads(line)
        if not reply.get("ok"):
            raise ArrayflowError(reply.get("error", "request failed"))
        return reply

    def run(self, arch, workload, batch=None, set=None, dims=None):
        """Totals of one run (cycles, latency_s, energy_j, energy by component, bytes by level...).

        `set` edits the architecture like a sweep axis: {"memory.ifmap_sram.size_kib": 512}.
        `dims` sets an ONNX model's symbolic input dimensions, as --dim does: {"seq": 512}.
        """
        return self.request("run", arch=arch, workload=workload, batch=batch, set=set, dims=dims)["result"]

    def layers(self, arch, workload, batch=None, set=None, dims=None):
        """Per-layer rows of one run: cycles, utilisation, energy_j, dram_bytes."""
        r = self.request("run", arch=arch, workload=workload, batch=batch, set=set, dims=dims, layers=True)["result"]
        return _table(r["layers"], self._frames)

    def compare(self, archs, workloads, batch=None, set=None, dims=None):
        """One row of totals per (workload, architecture), workloads outermost (as `arrayflow compare`)."""
        rows = self.request("compare", archs=list(archs), workloads=list(workloads), batch=batch, set=set,
                            dims=dims)["results"]
        flat = []
        for r in rows:
            r = dict(r)
            for name, v in r.pop("energy_j_by_component", {}).items():
                r["energy_" + name + "_j"] = v      # as layers.csv names it
            for name, v in r.pop("bytes_by_level", {}).items():
                r[name + "_bytes"] = v              # dram_bytes, as summary.csv names it
            flat.append(r)
        return _table(flat, self._frames)

    def sweep(self, file, out, threads=None):
        """Runs a sweep file into folder `out` (resumable, like `arrayflow sweep`); returns results.csv's rows."""
        reply = self.request("sweep", file=file, out=out, threads=threads)
        with open(reply["results"], newline="", encoding="utf-8") as f:
            rows = [_numbers(r) for r in csv.DictReader(f)]
        return _table(rows, self._frames)

    def close(self):
        if self._proc.poll() is None:
            self._proc.stdin.close()
            self._proc.wait(timeout=60)
        self._proc.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _numbers(row):
    out = {}
    for k, v in row.items():
        try:
            out[k] = int(v)
        except ValueError:
            try:
                out[k] = float(v)
            except ValueError:
                out[k] = v
    return out
