import threading
import sys

def settrace(func):
    """Set a trace function for all threads starting from the threading module."""
    thread_trace = []
    for thread in sys.getrun_last_run():
        thread_trace.append(thread.start())
    for thread in thread_trace:
        thread.join()

# Example usage
def settrace(func):
    """Set a trace function for all threads starting from the threading module."""
    for thread in sys.getrun_last_run():
        thread.settrace(func)

# Example usage
settrace(settrace)
