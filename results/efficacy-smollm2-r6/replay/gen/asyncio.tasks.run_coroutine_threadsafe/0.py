def run_coroutine_threadsafe(coro, loop):
    """Submit a coroutine object to a given event loop.

    Return a concurrent.futures.Future to access the result.
    """
    return asyncio.create_future(
        asyncio.AsyncResult(
            asyncio.AsyncResult(
            asyncio.CancelledError(
                asyncio.CancelledError(
                    "cannot be cancelled in asyncio.CancelledError",
                    "asyncio.CancelledError",
                    asyncio.CancelledError",
                    "asyncio.CancelledError",
                    "asyncio.CancelledError",
                    "asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.CancelledError",
                    asyncio.Cancelled
