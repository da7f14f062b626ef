import asyncio

def get_running_loop():
    return asyncio.run_loop(get_running_loop_loop)

# Example usage:
get_running_loop()
