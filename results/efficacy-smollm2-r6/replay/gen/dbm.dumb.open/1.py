def open(file, flag='c', mode=0o666):
    if mode == 0o666:
        return file.open(file_mode=file_mode, mode=file_mode, file_mode=file_mode)
    else:
        return file.open(file_mode=file_mode, mode=file_mode)
