"""Cold-start trims for the spaCy stack: two heavy imports casewise's rule pipeline never uses.

- ``thinc.compat`` imports torch (about 2 s cold) only to offer PyTorch-backed layers. The offline
  "blank" pipeline (scispaCy tokenizer + rule components) runs on thinc's numpy ops, so while
  ``thinc.compat`` itself is being imported, ``torch`` is reported missing and thinc records
  ``has_torch = False``. torch stays importable by everything else in the process (the answerer's
  sentence-transformers, say); only thinc's own PyTorch wrappers are off.
- ``medspacy.util`` imports QuickUMLS, whose ``core`` imports nltk (about 2 s: scipy, scikit-learn)
  at module level but uses it only inside ``QuickUMLS()``. That one import gets a stand-in module
  that imports the real nltk on first attribute access, if ever (``importlib.util.LazyLoader`` does
  not stay lazy through an ``import`` statement on Python 3.11: the import system reads
  ``__spec__``).

Applied only when the configured spaCy model (``NlpSettings.spacy_model``, env
``CASEWISE_SPACY_MODEL``) is "blank": an installed model may be transformer-based and need torch.
Measure with ``.venv/bin/python bench/extraction.py`` (``import_s``).
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys
from collections.abc import Sequence
from types import ModuleType

_TORCH_FOR = "thinc.compat"
_NLTK_FOR = "quickumls.core"


def _importing(module: str) -> bool:
    """True when ``module``'s top-level code is on the call stack (it is what imports now)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_globals.get("__name__") == module:
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


class _Deferred(ModuleType):
    """Stands in for a module until an attribute is read, then imports and delegates to it."""

    def __getattr__(self, attr: str) -> object:
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(attr)  # the import system probes __path__ etc.: not a use
        name = self.__name__
        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)
        for holder in list(sys.modules.values()):  # rebind "import nltk" globals to the real module
            if getattr(holder, name, None) is self:
                setattr(holder, name, real)
        return getattr(real, attr)


class _DeferredLoader(importlib.abc.Loader):
    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return _Deferred(spec.name)

    def exec_module(self, module: ModuleType) -> None:
        return None


class ColdImportTrimmer(importlib.abc.MetaPathFinder):
    """Meta-path finder that hides torch from thinc.compat and defers nltk for QuickUMLS."""

    nltk_deferred = False

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if self.nltk_deferred and not _importing(_NLTK_FOR):
            if isinstance(sys.modules.get("nltk"), _Deferred):
                del sys.modules["nltk"]  # only QuickUMLS holds the stand-in; others import nltk itself
            if _TORCH_FOR in sys.modules:
                self.uninstall()  # both done: stop costing every later import a stack walk
                return None
        if (fullname == "torch" or fullname.startswith("torch.")) and "torch" not in sys.modules:
            if _importing(_TORCH_FOR):
                raise ModuleNotFoundError(f"No module named {fullname!r} (skipped for thinc)", name=fullname)
            return None
        if fullname == "nltk" and not self.nltk_deferred and _importing(_NLTK_FOR):
            self.nltk_deferred = True
            return importlib.machinery.ModuleSpec(fullname, _DeferredLoader())
        return None

    def uninstall(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)


_TRIMMER = ColdImportTrimmer()


def trim_cold_imports(model: str | None = None) -> bool:
    """Install the trimmer before spaCy is first imported (no-op once it is). True if installed."""
    if model is None:
        from casewise_core.settings import NlpSettings

        model = NlpSettings().spacy_model
    if model != "blank" or "thinc.compat" in sys.modules or _TRIMMER in sys.meta_path:
        return False
    sys.meta_path.insert(0, _TRIMMER)
    return True
