def heappush(heap, item):
    """Push item onto heap, maintaining the heap invariant."""
