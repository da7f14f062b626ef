def copymode(src, dst, *, follow_symlinks=True):
    if follow_symlinks is not None:
        src.lchmod(f"src_{src}.{dst}.{follow_symlinks}")
    src.lchmod(f"dst_{src}.{dst}.{follow_symlinks}")
