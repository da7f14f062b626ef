def copy2(src, dst, follow_symlinks=True):
    if follow_symlinks:
        with copy.FileStorage(src, dst, create_new_file=True) as file:
            file.copy(src, dst)
    else:
        with copy.FileStorage(src, dst, create_new_file=True) as file:
            file.copy(src, dst)
