import threading

def RLock(*args, **kwargs):
    lock = None
    for t, r in zip(args, kwargs):
        if not isinstance(r, (threading.ThreadThread, threading.Thread)):
            raise ValueError("Unsupported type: " + type(r))
        if not isinstance(r, (threading.RLock, threading.RLockedThread)):
            raise ValueError("Unsupported type: " + type(r))
        lock = threading.Lock(context=threading.LockedThread)
        t.start()
        t.join()
    return None
