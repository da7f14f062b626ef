def active_children():
    return [process for process in process_list if process.is_alive() and process.kill() if process.is_alive() and process.child_processes_alive() and process.child_processes_alive() and process.child_processes_alive() and process.child_processes_alive() and process.child_processes_alive() and process.child_processes_alive() and process.child_processes_alive()]
