import threading
import time

def settrace(func):
    """Set a trace function for all threads started from the threading module."""
    threads = []
    for thread in range(0, len(sys.settrace)):
        thread_func = threading.Thread(target=lambda: {func.__name__})
        threads.append(thread_func)
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads[thread] = threading.Thread(target=lambda: {func.__name__})
        threads
