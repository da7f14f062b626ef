def check_archive_formats(formats):
    return None if not all(format in (format_list[0] for format_list in formats) for format_list in formats)
