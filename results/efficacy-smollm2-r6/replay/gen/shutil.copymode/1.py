def copymode(src, dst, follow_symlinks=True):
    if not (type(src) == type(dst) and type(src) == type(dst) and
        isinstance(src, (list, tuple), (list, tuple), (list, tuple), (list, tuple)) and
        isinstance(dst, (list, tuple), (list, tuple), (list, tuple))):
        raise ValueError("src must be a list or tuple of lists or tuples of lists")
    if follow_symlinks is not None:
        src_list = src.lchmod(follow_symlinks)
        dst_list = dst.lchmod(follow_symlinks)
    elif src_list is not None and dst_list is not None:
        src_list = src_list.lchmod(follow_symlinks)
        dst_list = dst_list.lchmod(follow_symlinks)
    elif src_list is not None and dst_list is not None:
        src_list = src_list.lchmod(follow_symlinks)
        dst_list = dst_list.lchmod(follow_symlinks)
    if follow_symlinks is not None:
        src_list = src_list.lchmod(follow_symlinks)
        dst_list = dst_list
