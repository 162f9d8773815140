"""Build-time helper: derive ``common_en.txt`` and ``common_sh.txt``.

Not used at run time.  Needs (outside the project's runtime dependencies):

* ``wordfreq`` (PyPI) for word frequencies (English "en", Serbo-Croatian "sh");
* Debian ``wamerican`` (``/usr/share/dict/american-english``);
* Debian ``hunspell-sr``, ``hunspell-hr``, ``hunspell-bs`` dictionaries; the
  Bosnian one expanded with ``unmunch`` (``hunspell-tools``) and converted to
  UTF-8 into ``BS_EXPANDED``.

A word is kept when it is among the most frequent words of the language *and*
a dictionary lists it in lower case (so proper names such as "Marko" are not
taken for ordinary words).  Usage::

    python derive_common.py OUT_DIR BS_EXPANDED
"""

import importlib
import re
import sys
from pathlib import Path

import wordfreq

sys.path.insert(0, str(Path(__file__).resolve().parents[5]))
fold_key = importlib.import_module("rmn_portal.notes.anonymise.shadow").fold_key

WORD = re.compile(r"[^\W\d_]+")


def lower_entries(path: str, enc: str = "utf-8") -> set[str]:
    out = set()
    with open(path, encoding=enc, errors="replace") as fh:
        for line in fh:
            w = line.strip().split("/")[0]
            if w and w[0].islower() and WORD.fullmatch(w):
                out.add(w)
    return out


def main() -> None:
    out_dir = Path(sys.argv[1])
    if len(sys.argv) < 3:
        sys.exit("usage: derive_common.py OUT_DIR BS_EXPANDED")
    bs_expanded = sys.argv[2]
    en_dict = lower_entries("/usr/share/dict/american-english")
    en = sorted(
        {fold_key(w) for w in wordfreq.top_n_list("en", 30000) if w in en_dict and len(w) > 1}
    )
    sh_dict = (
        lower_entries("/usr/share/hunspell/sr_Latn_RS.dic")
        | lower_entries("/usr/share/hunspell/hr_HR.dic")
        | lower_entries(bs_expanded)
    )
    sh_folded = {fold_key(w) for w in sh_dict}
    sh = sorted(
        {
            fold_key(w)
            for w in wordfreq.top_n_list("sh", 80000)
            if fold_key(w) in sh_folded and len(w) > 1
        }
    )
    hdr = (
        "# Derived word list (build time only, see SOURCES.md): frequent words that\n"
        "# dictionaries list in lower case, folded (no diacritics, lower case).\n"
    )
    (out_dir / "common_en.txt").write_text(hdr + "\n".join(en) + "\n")
    (out_dir / "common_sh.txt").write_text(hdr + "\n".join(sh) + "\n")
    print(len(en), len(sh))


if __name__ == "__main__":
    main()
