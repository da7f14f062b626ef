def heapreplace(heap, item):
    if len(heap) > 1:
        heap.pop()
    heap[0], item = item, heap[0]
    heap.pop()
    heap.append(item)
