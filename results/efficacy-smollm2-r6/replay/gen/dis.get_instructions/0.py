def get_instructions(x, *, first_line=None, show_caches=False):
    if first_line is None:
        first_line = "1. "
    if first_line is not None:
        first_line = f"1. {first_line}"
    return next((i * 100 for i in range(x)), next((i * 100 for i in range(x + 10))), show_caches)
