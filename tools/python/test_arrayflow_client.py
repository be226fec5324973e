"""Tests of the Python client against a real `arrayflow serve` (run by PythonClientTest in `mvn test`, or by
hand: ARRAYFLOW_CMD="./arrayflow serve" python3 -m unittest discover -s tools/python)."""

import os
import tempfile
import unittest

from arrayflow_client import Arrayflow, ArrayflowError

TINY = """format: arrayflow-workload/1
name: tiny
input: {channels: 4, height: 8, width: 8}
layers:
  - {name: conv1, type: conv2d, filters: 8, kernel: 3, padding: 1}
  - {name: fc, type: fc, outputs: 10}
"""

RESNET50_MACS = 4089184256

SWEEP = """format: arrayflow-sweep/1
name: client-test
arch: systolic-32x32
workloads: [tiny.yaml]
grid:
  pe_array.rows: [8, 16]
  pe_array.cols: [8, 16]
"""


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.af = Arrayflow(frames=False)

    @classmethod
    def tearDownClass(cls):
        cls.af.close()

    def test_run_returns_the_totals(self):
        r = self.af.run("tpu-v1", "resnet50")
        self.assertEqual(r["architecture"], "tpu-v1")
        self.assertEqual(r["workload"], "resnet50")
        self.assertEqual(r["macs"], RESNET50_MACS)
        self.assertGreaterEqual(r["total_cycles"], r["macs"] // r["pe_count"])
        self.assertAlmostEqual(sum(r["energy_j_by_component"].values()), r["energy_j"], delta=1e-6 * r["energy_j"])

    def test_set_edits_the_architecture(self):
        small = self.af.run("tpu-v1", "resnet50", set={"pe_array.rows": 128, "pe_array.cols": 128})
        large = self.af.run("tpu-v1", "resnet50")
        self.assertEqual(small["pe_count"], 128 * 128)
        self.assertEqual(large["pe_count"], 256 * 256)
        self.assertEqual(small["macs"], large["macs"])
        self.assertGreater(small["total_cycles"], large["total_cycles"])

    def test_layers_sum_to_the_totals(self):
        r = self.af.run("tpu-v1", "resnet50")
        rows = self.af.layers("tpu-v1", "resnet50")
        self.assertEqual(sum(l["macs"] for l in rows), r["macs"])
        self.assertEqual(sum(l["total_cycles"] for l in rows), r["total_cycles"])

    def test_compare_is_one_row_per_pair(self):
        rows = self.af.compare(["tpu-v1", "systolic-32x32"], ["alexnet", "resnet50"], set=None)
        self.assertEqual([(r["architecture"], r["workload"]) for r in rows], [("tpu-v1", "alexnet"),
                         ("systolic-32x32", "alexnet"), ("tpu-v1", "resnet50"), ("systolic-32x32", "resnet50")])
        self.assertIn("energy_mac_j", rows[0])
        self.assertIn("dram_bytes", rows[0])

    def test_bad_input_is_the_cli_message_and_the_server_keeps_serving(self):
        with self.assertRaises(ArrayflowError) as e:
            self.af.run("tpu-v9", "resnet50")
        self.assertTrue(str(e.exception).startswith("tpu-v9: no such file"), str(e.exception))
        self.assertNotIn("\n", str(e.exception))
        with self.assertRaises(ArrayflowError) as e:
            self.af.run("tpu-v1", "resnet50", set={"pe_array.rows": -1})
        self.assertIn("pe_array.rows", str(e.exception))
        self.assertEqual(self.af.run("tpu-v1", "resnet50")["macs"], RESNET50_MACS)

    def test_sweep_returns_the_results_table(self):
        with tempfile.TemporaryDirectory() as d:
            f = os.path.join(d, "s.yaml")
            with open(f, "w", encoding="utf-8") as out:
                out.write(SWEEP)
            with open(os.path.join(d, "tiny.yaml"), "w", encoding="utf-8") as out:
                out.write(TINY)
            rows = self.af.sweep(f, os.path.join(d, "out"), threads=1)
            self.assertEqual(len(rows), 4)
            self.assertEqual(sorted((r["pe_array.rows"], r["pe_array.cols"]) for r in rows),
                             [(8, 8), (8, 16), (16, 8), (16, 16)])


if __name__ == "__main__":
    unittest.main()
