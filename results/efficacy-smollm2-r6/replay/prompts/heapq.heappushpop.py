def heappushpop(heap, item):
    """Fast version of a heappush followed by a heappop."""
