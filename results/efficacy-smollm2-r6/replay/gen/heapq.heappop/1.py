def heappop(heap):
    return heap.pop()
