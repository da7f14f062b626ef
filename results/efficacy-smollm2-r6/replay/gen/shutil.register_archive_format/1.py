def register_archive_format(name, function, extra_args=None, description=""):
    if extra_args is None:
        extra_args = []
    if not isinstance(function, (list, tuple)):
        return None, "Unsupported function type: {}".format(type(function).__name__)
    if not isinstance(name, str):
        name = f"unsupported name: {type(name)}\n"
    if not isinstance(extra_args, (list, tuple)):
        extra_args = [extra_args]
    if not isinstance(description, str):
        description = description + " " + description
    if not isinstance(get_archive_formats(), (list, tuple)):
        get_archive_formats = get_archive_formats + " " + get_archive_formats + " " + get_archive_formats + " "
    if not isinstance(get_archive_formats, (list, tuple)):
        get_archive_formats = get_archive_formats + " " + get_archive_formats + " " + get_archive_formats + " "
    if not isinstance(get_archive_formats, (list, tuple)):
        get_archive_formats = get_archive_formats + " " + get_archive_formats + " " + get_archive_formats + " "
    if not isinstance(description, str):
        description = description + " " +
