"""Build ``src/sukien/data/vi_words.txt`` from the word list shipped in the underthesea package.

The list holds the lower-case Vietnamese words of one or two syllables of underthesea's
``corpus/data/Viet39K.txt`` (underthesea, Apache-2.0), NFC with the tone placement sukien
uses. Proper nouns (entries starting with a capital letter) are left out. Run from the repo:

    .venv/bin/python scripts/build_vi_words.py
"""

from __future__ import annotations

from importlib import metadata, resources
from pathlib import Path

from sukien.text.normalize import normalize_text

OUT = Path(__file__).resolve().parents[1] / "src" / "sukien" / "data" / "vi_words.txt"


def main() -> None:
    source = resources.files("underthesea") / "corpus" / "data" / "Viet39K.txt"
    words: set[str] = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        word = " ".join(normalize_text(line.strip()).replace("-", " ").split())
        if not word or not word[0].islower() or len(word.split()) > 2:
            continue
        words.add(word.lower())
    version = metadata.version("underthesea")
    header = [
        "# vi_words.txt — lower-case Vietnamese words of one or two syllables (one per line).",
        "# Used by sukien.actors.names: a syllable found in many words is a common Vietnamese word,",
        "# and two capitalised syllables that form a word ('Hải quân', 'Dân chủ') are not a name.",
        f"# Source: underthesea {version} (Apache-2.0), corpus/data/Viet39K.txt, proper nouns dropped,",
        "# NFC with sukien's tone placement. Rebuild: .venv/bin/python scripts/build_vi_words.py",
    ]
    OUT.write_text("\n".join(header + sorted(words)) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(words)} words")


if __name__ == "__main__":
    main()
