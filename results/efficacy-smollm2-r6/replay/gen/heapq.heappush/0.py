def heappush(heap, item):
    """Push item onto heap, maintaining the heap invariant."""
    if len(heap) == 0:
        raise ValueError("heap is empty")
    heap[0] = item
    heap_invariant = True
    return heap_invariant

# Example usage:
heap = []
heap_heap = heappush(heap, 10)
print(heap_heap)  # Output: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
print(heap_heap)  # Output: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
heap_heap = heappush(heap, 10)
print(heap_heap)  # Output: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
