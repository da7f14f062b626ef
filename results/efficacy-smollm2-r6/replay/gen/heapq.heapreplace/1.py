def heapreplace(heap, item):
    if len(heap) > 1:
        heap.pop()
    heap[0] = item
    heap_size = len(heap)
    heap.clear()
    heap.append(heap_size)
    heap_size += 1
    heap_append(heap, item)
