import os

def copy2(src, dst, follow_symlinks=True):
    if follow_symlinks:
        os.makedirs(f"{src.join("\\", ".") + "\\")", exist_ok=True)
    src_path = os.path.join(src, "src")
    dst_path = os.path.join(dst, "dst")
    if follow_symlinks:
        src_path = src_path + "\\" + dst_path
    if not os.path.exists(src_path):
        os.mkdir(src_path)
    if not os.path.exists(dst_path):
        os.mkdir(dst_path)
    with open(f"{src_path}*.{dst_path}.tar.gz", "wb")
    with open(f"{dst_path}*.{src_path}.tar.gz", "wb")
    copystat(src_path, dst_path)

# Usage
copy2(
    "src.tar.bz2",
    "dst.tar.gz",
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False,
    False
