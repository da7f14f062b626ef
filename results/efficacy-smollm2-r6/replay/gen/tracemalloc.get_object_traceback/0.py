def get_object_traceback(obj):
    try:
        return trace_alloc_traceback(obj)
    except Exception as e:
        return None

def trace_alloc_traceback(obj):
    try:
        return traceback(f"Traceback: {trace_alloc_traceback(obj)}")
    except Exception as e:
        return None
