def print_form(form):
    """Dump the contents of a form as HTML"""
    print(f"<div class=" + f"form{len(form)}=" + f"{len(form)}</div>")
