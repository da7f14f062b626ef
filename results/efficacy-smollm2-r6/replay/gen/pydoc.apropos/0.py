import one_line_module_summary

def one_line_module_summary(key):
    return "One line summary of one line module summary: " + key + ":" + one_line_module_summary(key)
