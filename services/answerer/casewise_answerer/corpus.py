"""The knowledge corpus on disk: documents split into passages, and the three tables beside them.

Format (shared with the corpus authors, see corpus/README.md): ``docs/<id>.md`` with YAML front
matter, one retrieval passage per ``## `` section (id ``<doc id>#<section slug>``), and the CSV
tables ``actionability.csv``, ``standard_tests.csv``, ``expected_contexts.csv`` and the additive
``exclusions.csv``, ``conditions.csv`` and ``indications.csv``. Everything is
loaded into pydantic models with ``extra="forbid"`` so a typo in a corpus file fails loudly.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal, TypeVar

import yaml
from casewise_core.errors import CorpusInvalid
from casewise_core.settings import RetrievalSettings
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Topic = Literal[
    "what-it-is",
    "testing",
    "treatment-approaches",
    "first-line",
    "after-progression",
    "resistance",
    "side-effects",
    "clinical-trials",
    "questions-to-ask",
    "hereditary",
    "adjuvant-neoadjuvant",
    "unusual-finding",
    "general",
]
_SOURCE_MARK = re.compile(r"\[S(\d+)\]")
T = TypeVar("T", bound="BaseModel")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Strict):
    id: str
    title: str
    kind: Literal["fda-label", "guideline", "pubmed", "other"]
    year: int | None = None
    url: str | None = None

    def cite(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


class DocMeta(_Strict):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    cancer_types: list[str]
    genes: list[str]
    alterations: list[str] = Field(default_factory=list)
    topics: list[Topic]
    sources: list[Source]
    last_reviewed: date

    @field_validator("cancer_types", "genes", "alterations", mode="before")
    @classmethod
    def _none_is_empty(cls, v: object) -> object:
        return [] if v is None else v


class ActionRow(_Strict):
    id: str
    cancer_type: str
    gene: str
    alteration: str
    detail: str = ""
    therapy: str
    setting: str
    after: str = ""
    status: Literal["fda-approved", "guideline-listed", "trial-only"]
    approval_year: str = ""
    source: str
    doc_id: str

    @property
    def details(self) -> list[str]:
        return [d.strip() for d in self.detail.split("|") if d.strip()]

    @property
    def drugs(self) -> list[str]:
        return [d.strip().lower() for d in self.therapy.split("+") if d.strip()]


class StandardTest(_Strict):
    cancer_type: str
    min_stage: str
    gene: str
    alteration: str = ""
    detail: str = ""
    why: str = ""
    source: str = ""


class ExpectedContext(_Strict):
    gene: str
    alteration: str = ""
    detail: str = ""
    typical_cancer_types: str
    note: str = ""
    source: str = ""

    @property
    def codes(self) -> list[str]:
        return [c.strip().upper() for c in re.split(r"[|;,\s]+", self.typical_cancer_types) if c.strip()]

    @property
    def details(self) -> list[str]:
        return [d.strip() for d in self.detail.split("|") if d.strip()]


class Exclusion(_Strict):
    """An actionability row that does not apply to a cancer type (and its descendants)."""

    actionability_id: str
    cancer_type: str
    reason: str = ""


class Condition(_Strict):
    """Another result an actionability row's label requires (e.g. HER2 not positive), or, with a
    ``detail``, one specific change the drug does not work against (PDGFRA p.D842V for imatinib)."""

    actionability_id: str
    gene: str
    required_status: Literal["positive", "negative", "not-positive"]
    reason: str = ""
    detail: str = ""

    @property
    def details(self) -> list[str]:
        return [d.strip() for d in self.detail.split("|") if d.strip()]


class Indication(_Strict):
    """What a row's label covers beyond the table's columns, in plain words, shown with the option
    ("for HER2-low breast cancer that has spread, after chemotherapy for it ...")."""

    actionability_id: str
    when: str


@dataclass(frozen=True)
class Passage:
    """One ``## `` section: the unit that is indexed, retrieved and cited."""

    id: str
    doc_id: str
    doc_title: str
    heading: str
    text: str
    cancer_types: tuple[str, ...]
    genes: tuple[str, ...]
    alterations: tuple[str, ...]
    topics: tuple[str, ...]
    sources: tuple[Source, ...]

    @property
    def title(self) -> str:
        return f"{self.doc_title}: {self.heading}"

    @property
    def index_text(self) -> str:
        """What is embedded and tokenised: titles carry most of the topic signal."""
        return f"{self.doc_title}. {self.heading}. {self.text}"

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join(
            [self.index_text, *self.cancer_types, "|", *self.genes, "|", *self.alterations, "|", *self.topics]
        )
        payload += "\x1f" + "|".join(s.cite() for s in self.sources)
        return hashlib.sha256(payload.encode()).hexdigest()

    def source_line(self) -> str:
        return "; ".join(s.cite() for s in self.sources)


@dataclass
class Corpus:
    root: Path
    docs: dict[str, DocMeta] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)
    actions: list[ActionRow] = field(default_factory=list)
    standard_tests: list[StandardTest] = field(default_factory=list)
    contexts: list[ExpectedContext] = field(default_factory=list)
    exclusions: list[Exclusion] = field(default_factory=list)
    conditions: list[Condition] = field(default_factory=list)
    indications: list[Indication] = field(default_factory=list)

    def doc_passages(self, doc_id: str) -> list[Passage]:
        return [p for p in self.passages.values() if p.doc_id == doc_id]


def slug(heading: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", heading.lower()))


def default_corpus_dir() -> Path:
    """The repository's corpus/ (this file is services/answerer/casewise_answerer/corpus.py)."""
    return Path(__file__).resolve().parents[3] / "corpus"


def resolve_corpus_dir(settings: RetrievalSettings) -> Path:
    return settings.corpus_dir or default_corpus_dir()


def _quote_plain_values(front: str) -> str:
    out = []
    for line in front.splitlines():
        m = re.match(r"^([a-z_]+): (.*: .*)$", line)
        if m and not m.group(2).lstrip().startswith(("[", "{", '"', "'")):
            line = f"{m.group(1)}: " + '"' + m.group(2).replace("\\", "\\\\").replace('"', '\\"') + '"'
        out.append(line)
    return "\n".join(out)


def _split_front_matter(text: str, name: str) -> tuple[dict[str, object], str]:
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        raise CorpusInvalid(f"Corpus document {name} has no front matter ('---' on the first line).")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise CorpusInvalid(f"Corpus document {name}: front matter is not closed by '---'.") from None
    front = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(front) or {}
    except yaml.YAMLError:
        try:  # the one common slip: a top-level title with an unquoted ": " in it
            meta = yaml.safe_load(_quote_plain_values(front)) or {}
        except yaml.YAMLError as exc:
            raise CorpusInvalid(f"Corpus document {name}: front matter is not valid YAML.") from exc
    if not isinstance(meta, dict):
        raise CorpusInvalid(f"Corpus document {name}: front matter must be a mapping.")
    return meta, "\n".join(lines[end + 1 :])


def _sections(body: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    heading: str | None = None
    buf: list[str] = []
    for line in body.splitlines():
        if line.startswith("## "):
            if heading is not None:
                out.append((heading, "\n".join(buf).strip()))
            heading, buf = line[3:].strip(), []
        elif heading is not None:
            buf.append(line)
    if heading is not None:
        out.append((heading, "\n".join(buf).strip()))
    return out


def parse_doc(path: Path) -> tuple[DocMeta, list[Passage]]:
    meta_raw, body = _split_front_matter(path.read_text(encoding="utf-8"), path.name)
    try:
        meta = DocMeta.model_validate(meta_raw)
    except ValidationError as exc:
        fields = ", ".join(".".join(str(x) for x in e["loc"]) for e in exc.errors())
        raise CorpusInvalid(f"Corpus document {path.name}: invalid front matter ({fields}).") from exc
    if meta.id != path.stem:
        raise CorpusInvalid(f"Corpus document {path.name}: id '{meta.id}' differs from the file name.")
    passages: list[Passage] = []
    for heading, text in _sections(body):
        cited = {int(n) for n in _SOURCE_MARK.findall(text)}
        sources = tuple(s for i, s in enumerate(meta.sources, 1) if i in cited) or tuple(meta.sources[:1])
        passages.append(
            Passage(
                id=f"{meta.id}#{slug(heading)}",
                doc_id=meta.id,
                doc_title=meta.title,
                heading=heading,
                text=text,
                cancer_types=tuple(c.upper() for c in meta.cancer_types),
                genes=tuple(meta.genes),
                alterations=tuple(meta.alterations),
                topics=tuple(meta.topics),
                sources=sources,
            )
        )
    return meta, passages


def _read_csv(path: Path, model: type[T]) -> list[T]:
    if not path.exists():
        return []
    rows: list[T] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh), start=2):
            clean = {k.strip(): (v or "").strip() for k, v in row.items() if k is not None}
            if not any(clean.values()):
                continue
            try:
                rows.append(model.model_validate(clean))
            except ValidationError as exc:
                fields = ", ".join(".".join(str(x) for x in e["loc"]) for e in exc.errors())
                raise CorpusInvalid(f"{path.name} line {n}: invalid row ({fields}).") from exc
    return rows


def load_corpus(root: Path) -> Corpus:
    """Read every document and table under ``root``; raise ``CorpusInvalid`` on any format error."""
    docs_dir = root / "docs"
    if not docs_dir.is_dir():
        raise CorpusInvalid(f"No corpus found: {docs_dir} does not exist. Set CASEWISE_CORPUS_DIR.")
    corpus = Corpus(root=root)
    for path in sorted(docs_dir.glob("*.md")):
        meta, passages = parse_doc(path)
        corpus.docs[meta.id] = meta
        for p in passages:
            if p.id in corpus.passages:
                raise CorpusInvalid(f"Corpus document {path.name}: two sections share the id {p.id}.")
            corpus.passages[p.id] = p
    corpus.actions = _read_csv(root / "actionability.csv", ActionRow)
    corpus.standard_tests = _read_csv(root / "standard_tests.csv", StandardTest)
    corpus.contexts = _read_csv(root / "expected_contexts.csv", ExpectedContext)
    corpus.exclusions = _read_csv(root / "exclusions.csv", Exclusion)
    corpus.conditions = _read_csv(root / "conditions.csv", Condition)
    corpus.indications = _read_csv(root / "indications.csv", Indication)
    return corpus
