"""Build-time helper: extract given names and surnames from the 1990 US Census
name-frequency files (public domain, U.S. Census Bureau).

The files are the ones shipped by the ``names`` package on PyPI
(``dist.male.first``, ``dist.female.first``, ``dist.all.last``).  Run with the
directory that holds them:

    python derive_census.py /path/to/names/ ../

Not used at run time.
"""

import sys
from pathlib import Path


def top(path: Path, n: int) -> list[str]:
    out = []
    for line in path.read_text().splitlines()[:n]:
        name = line.split()[0]
        out.append(name.capitalize())
    return out


def main() -> None:
    src = Path(sys.argv[1])
    dst = Path(sys.argv[2])
    given = top(src / "dist.male.first", 1000) + top(src / "dist.female.first", 2000)
    last = top(src / "dist.all.last", 2500)
    hdr = (
        "# Derived from the 1990 U.S. Census name-frequency files (public domain); see SOURCES.md\n"
    )
    (dst / "given_names_en.txt").write_text(hdr + "\n".join(sorted(set(given))) + "\n")
    (dst / "surnames_en.txt").write_text(hdr + "\n".join(sorted(set(last))) + "\n")


if __name__ == "__main__":
    main()
