"""The cold-import trims (nlp/lazy_imports.py): thinc loads without torch and QuickUMLS without
nltk, yet both stay importable and work when something does use them. Run in a fresh interpreter,
since the test session has imported spaCy already."""

from __future__ import annotations

import os
import subprocess
import sys

CHECK = """
import sys
import casewise_extractor.nlp.pipeline
import thinc.compat
assert "torch" not in sys.modules and not thinc.compat.has_torch
assert "nltk" not in sys.modules and "sklearn" not in sys.modules
assert not [f for f in sys.meta_path if type(f).__name__ == "ColdImportTrimmer"]
from casewise_extractor.nlp import load_extractor
assert load_extractor().nlp("EGFR L858R detected.")._.biomarker_findings
import quickumls.core
assert quickumls.core.nltk.corpus.__name__ == "nltk.corpus"  # deferred, then real on first use
import nltk.corpus
import torch
assert torch.tensor([1, 2]).sum().item() == 3
print("ok")
"""


def test_blank_pipeline_imports_without_torch_or_nltk_and_both_still_work() -> None:
    env = {**os.environ, "CASEWISE_SPACY_MODEL": "blank"}
    out = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().endswith("ok")


def test_a_named_model_keeps_the_normal_imports() -> None:
    from casewise_extractor.nlp.lazy_imports import trim_cold_imports

    assert trim_cold_imports("en_core_sci_sm") is False
