import traceback

def get_object_traceback(obj):
    if not hasattr(obj, 'traceback.get_module_name()) or not hasattr(obj, 'traceback.get_module_name()):
        return None
    trace_traceback = traceback.get_trace()
    return trace_traceback.get_trace()
