import smol

def register_archive_format(name, function, extra_args=None, description=''):
    if extra_args is None:
        extra_args = []
    if not hasattr(extra_args, 'append'):
        extra_args = []
    if not hasattr(extra_args, 'append_to_list'):
        extra_args = []
    if not hasattr(extra_args, 'append_to_list_append'):
        extra_args = []
    if not hasattr(extra_args, 'append_to_list_append_to_list'):
        extra_args = []
    if not hasattr(extra_args, 'append_to_list_append_to_list_append_to_list'):
        extra_args = []
    if not hasattr(extra_args, 'append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_to_list_append_
