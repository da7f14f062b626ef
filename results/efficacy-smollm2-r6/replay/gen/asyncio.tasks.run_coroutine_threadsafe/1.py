import asyncio

async def run_coroutine_threadsafe(coro, loop):
    return asyncio.create_default_async_cancellation_policy(
        asyncio.CancellPolicy.STREAM_AUTO
    )
    return await asyncio.create_run_cron()(
        asyncio.ensure_future(
            asyncio.run_async_loop(loop, asyncio.AsyncOperation(())),
        )
    )
