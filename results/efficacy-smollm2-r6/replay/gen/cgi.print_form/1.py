def print_form(form):
    """Print the contents of a form as HTML"""
    html = '<div class="form-group form-label-noclass"><h1 class="form-group-label">Form</h1></div>'
    html += f'<table class="table table-h4"><tr><td class="table-label table-h4">Form</td></tr>'
    html += f'<tr><td class="table-label table-h4"><h2 class="table-label table-h4">Form</h2></tr>'
    html += f'<tr><td class="table-label table-h4"><h2 class="table-label table-h4">Form</h2></tr>'
    html += f'<tr><td class="table-label table-h4"><h2 class="table-label table-h4">Form</h2></tr>'
    html += f'</table><div class="form-group form-label-noclass"><h1 class="form-group-label">Form</h1></div>'
    html += f'</div>'

def print_form(form):
    """Print the contents of a form as HTML"""
    html = '<div class="form-group form-label-noclass"><h1 class="
