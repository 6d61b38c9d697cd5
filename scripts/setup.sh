#!/usr/bin/env bash
# One-step set-up on a fresh Debian machine: system packages, then the Python package in .venv/.
# Idempotent and quick when nothing changed (make calls it through a stamp file).
set -euo pipefail
cd "$(dirname "$0")/.."

want_apt=(tesseract-ocr tesseract-ocr-eng poppler-utils)
if [[ "${CASEWISE_BROWSER_TESTS:-1}" == "1" ]]; then want_apt+=(chromium chromium-driver); fi
missing=()
for p in "${want_apt[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
"${PIP[@]}" --upgrade pip
# torch first and exactly this version: it is a local CPU wheel here; anything else pulls CUDA.
"${PIP[@]}" "torch==2.13.0"
"${PIP[@]}" -e '.[api,extractor,answerer,dense,dev]'
# medspaCy pins spacy<3.8 on Python<3.12, but works on 3.8.18: install it without its pins
# (its real needs are in the extractor group). Never unpinned: 1.1.4's sdist is broken.
"${PIP[@]}" --no-deps "medspacy==1.3.1"
touch .venv/.casewise-setup
echo "setup: ok"
