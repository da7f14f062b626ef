def heappush(heap, item):
    """Push item onto heap, maintaining the heap invariant."""
    if len(heap) == 0:
        raise ValueError("heap is empty")
    heap[0] = item
    heapq.heapify(heap, 0, -1)
    return item
