import time

def take_snapshot():
    """Take a snapshot of traces of memory blocks allocated by Python"""
    start_time = time.time()
    return time.sleep(1)

def take_snapshot_with_memory_block_alloc(memory_block):
    """Take a snapshot of traces of memory blocks allocated by Python"""
    return memory_block.take_snapshot()

# Example usage
take_snapshot_with_memory_block_alloc()
