"""Writes data/imports/python-stdlib.txt: every module path of the Python standard library
(top-level names from sys.stdlib_module_names, submodules found by pkgutil), one per line.

Two-step generation keeps an import line the model wrote only when the module exists
(crates/formats/src/imports.rs): the standard library (this list), the third-party packages
the project vouches for (data/imports/python-packages.txt, written by hand) and the C headers
of data/imports/c-headers.txt. Re-make with the Python the project targets (3.10 or newer):

    python3 scripts/reference/known_imports.py
"""

import importlib
import pkgutil
import sys
import warnings
from pathlib import Path

# Packages whose import has side effects or needs a display; their submodules are skipped.
SKIP_WALK = {"idlelib", "tkinter", "turtledemo", "test", "lib2to3", "ensurepip", "this", "antigravity"}


def main() -> None:
    # `os.path` is a module alias (posixpath/ntpath), not a submodule pkgutil can see.
    names = {"os.path"}
    for top in sorted(sys.stdlib_module_names):
        names.add(top)
        if top in SKIP_WALK or top.startswith("_"):
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                module = importlib.import_module(top)
        except Exception:
            continue
        path = getattr(module, "__path__", None)
        if not path:
            continue
        for info in pkgutil.walk_packages(path, prefix=top + ".", onerror=lambda _: None):
            if any(part.startswith("_") or part == "tests" for part in info.name.split(".")[1:]):
                continue
            names.add(info.name)
    out = Path(__file__).resolve().parents[2] / "data" / "imports" / "python-stdlib.txt"
    header = f"# Python {sys.version_info.major}.{sys.version_info.minor} standard library modules (scripts/reference/known_imports.py)\n"
    out.write_text(header + "\n".join(sorted(names)) + "\n")
    print(f"{out}: {len(names)} modules")


if __name__ == "__main__":
    main()
