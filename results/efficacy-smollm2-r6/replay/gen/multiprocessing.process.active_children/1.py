def active_children():
    return [child_process for child_process in process_objects if callable(child_process) and callable(child_process) and callable(child_process) and callable(child_process) and callable(child_process) and callable(child_process) and callable(child_process)]
