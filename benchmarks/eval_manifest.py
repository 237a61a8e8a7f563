"""Write the manifest of an external evaluation set: every row's id, labels, source and the
SHA-256 of its text, without the text itself (other people's words stay out of the repository).

Run: `.venv/bin/python benchmarks/eval_manifest.py IN.jsonl... OUT.jsonl`. The benchmarks read
the sets from `$ARNA_EVAL_DATA` (default `/work/evaldata`); with the manifest, anyone who
gathers the texts again from the named sources can check that they measure the same set.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

KEEP = ("id", "lang", "class", "source", "locator")


def manifest_rows(path: Path) -> list[dict[str, object]]:
    rows = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        rows.append(
            {
                **{k: row[k] for k in KEEP if k in row},
                "chars": len(text),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        )
    return rows


def main() -> None:
    *sources, out = sys.argv[1:]
    rows = [row for source in sources for row in manifest_rows(Path(source))]
    Path(out).write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    print(f"{len(rows)} rows written to {out}")


if __name__ == "__main__":
    main()
