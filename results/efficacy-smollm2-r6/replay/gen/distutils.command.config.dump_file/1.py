def dump_file(filename, head=None):
    """Dumps a file content into log.info.

    If head is not None, will be dumped before the file content.
    """
    if head is not None:
        with open(filename, 'w', encoding='utf-8') as f:
            f.write(f'"{head} {head_info}\n')
