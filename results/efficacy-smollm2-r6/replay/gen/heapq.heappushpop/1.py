def heappushpop(heap, item):
    return heap.heappushpop(heap, item)
