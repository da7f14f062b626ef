def heappop(heap):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
    while heap[0] in heap:
        heap.pop()
    return heap[-1]
