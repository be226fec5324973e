"""Times N ResNet-50 runs on tpu-v1, each with another unified-buffer size, through one `arrayflow serve`,
against the same runs as separate `./arrayflow run` processes (a few, scaled). Not run by CI:

    python3 tools/python/bench_serve.py [N]
"""

import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from arrayflow_client import Arrayflow  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sizes = [256 + 24 * i for i in range(n)]
    with Arrayflow(frames=False) as af:
        af.run("tpu-v1", "resnet50")  # start-up and first compilation, as a notebook's first cell
        t = time.perf_counter()
        for kib in sizes:
            af.run("tpu-v1", "resnet50", set={"memory.unified_buffer.size_kib": kib})
        served = time.perf_counter() - t
    cli_runs = 10
    with tempfile.TemporaryDirectory() as d:
        t = time.perf_counter()
        for i in range(cli_runs):
            subprocess.run([os.path.join(ROOT, "arrayflow"), "run", "--arch", "tpu-v1", "--workload", "resnet50",
                            "--no-charts", "--out", os.path.join(d, str(i))], check=True, stdout=subprocess.DEVNULL)
        cli = (time.perf_counter() - t) / cli_runs
    print("serve: %d runs in %.2f s (%.1f ms a run)" % (n, served, 1e3 * served / n))
    print("cli:   %.0f ms a run (whole process, %d runs)" % (1e3 * cli, cli_runs))
    print("ratio: %.0fx" % (cli / (served / n)))


if __name__ == "__main__":
    main()
