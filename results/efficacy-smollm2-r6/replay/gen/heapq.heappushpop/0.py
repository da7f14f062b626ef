def heappushpop(heap, item):
    """Slightly optimized version of a heappop."""
    return heap.append(item)
