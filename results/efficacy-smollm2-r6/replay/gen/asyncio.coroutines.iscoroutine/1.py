def iscoroutine(obj):
    return type(obj) in (Coroutine, CoroutineError)
