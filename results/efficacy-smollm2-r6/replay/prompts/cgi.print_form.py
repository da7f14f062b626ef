def print_form(form):
    """Dump the contents of a form as HTML."""
