def isfuture(obj):
    return bool(obj)
