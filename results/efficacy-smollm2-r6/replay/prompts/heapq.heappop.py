def heappop(heap):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
