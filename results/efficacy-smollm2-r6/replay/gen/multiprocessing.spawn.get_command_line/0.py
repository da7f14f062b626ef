def get_command_line(*kwds):
    return f"${prefix_command_line_to_command_line(kwds)}"
