from asyncio import futures

def isfuture(obj):
    return obj and not isinstance(obj, Future)
