def fileno():
    return file_number()
