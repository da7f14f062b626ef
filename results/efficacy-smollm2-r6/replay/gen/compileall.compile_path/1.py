import sys

def compile_path(skip_curdir=1, maxlevels=None, force=False, quiet=0,
                 legacy=False, optimize=None, invalidation_mode=None):
    if len(sys.argv) < 2:
        print(f"Skipping {len(sys.argv)} arguments. Please use -1 to exclude default arguments.")
    if not isinstance(skip_curdir, int) or not isinstance(maxlevels, int) or not isinstance(force, int) or not isinstance(quiet, int) or not isinstance(limit, int) or not isinstance(limit, int):
        print(f"Skipping {len(sys.argv)} arguments. Expected: {type(sys.argv).__name__} {len(sys.argv)} ({len(sys.argv)})")
    if not isinstance(limit, int) or not isinstance(limit, int):
        print(f"Skipping {len(sys.argv)} arguments. Expected: {type(limit)} {len(sys.argv)} ({len(sys.argv)})")
    if not isinstance(limit, int) or not isinstance(limit, int):
        print(f"Skipping {len(sys.argv)} arguments. Expected: {type(limit)} {len(sys.argv)} ({len(sys.argv)})")
    if not
