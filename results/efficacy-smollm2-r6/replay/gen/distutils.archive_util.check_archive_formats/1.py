def check_archive_formats(formats):
    return None if not isinstance(formats, list) or all(type(format) in list(formats) for type in types) else None
