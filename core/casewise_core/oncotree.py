"""OncoTree (release 2025-10-03, CC BY 4.0, Memorial Sloan Kettering Cancer Center) as a lookup.

Codes are what ``cancer.oncotree_code`` holds; ``ancestors`` answers "is this a lung cancer?".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "oncotree_2025_10_03.json"


@dataclass(frozen=True, slots=True)
class OncoNode:
    code: str
    name: str
    main_type: str | None
    tissue: str | None
    parent: str | None
    level: int


class OncoTree:
    def __init__(self, nodes: dict[str, OncoNode]) -> None:
        self.nodes = nodes

    def __contains__(self, code: object) -> bool:
        return code in self.nodes

    def get(self, code: str) -> OncoNode | None:
        return self.nodes.get(code.upper())

    def ancestors(self, code: str) -> list[str]:
        """``code`` and its parents up to (not including) the root, nearest first."""
        out: list[str] = []
        node = self.get(code)
        while node is not None and node.code != "TISSUE":
            out.append(node.code)
            node = self.nodes.get(node.parent) if node.parent else None
        return out

    def descendants(self, code: str) -> set[str]:
        root = code.upper()
        return {c for c in self.nodes if root in self.ancestors(c)}

    def tissue(self, code: str) -> str | None:
        node = self.get(code)
        return node.tissue if node else None


@lru_cache(maxsize=1)
def load_oncotree(path: Path = DATA) -> OncoTree:
    raw = json.loads(path.read_text(encoding="utf-8"))
    nodes: dict[str, OncoNode] = {}
    stack = list(raw.values())
    while stack:
        n = stack.pop()
        nodes[n["code"]] = OncoNode(
            code=n["code"],
            name=n["name"],
            main_type=n.get("mainType"),
            tissue=n.get("tissue"),
            parent=n.get("parent"),
            level=int(n.get("level", 0)),
        )
        stack.extend(n.get("children", {}).values())
    return OncoTree(nodes)
