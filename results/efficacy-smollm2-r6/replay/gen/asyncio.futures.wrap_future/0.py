import asyncio

def wrap_future(future, loop=None):
    """Wrap a future object in a loop"""
    def wrap_future_loop(future):
        asyncio.set_event_loop(loop, asyncio.FuturitiesEventLoop(future))
    asyncio.add_event_loop(loop, asyncio.FuturitiesEventLoop(future))
    asyncio.set_event_loop(loop, asyncio.FuturitiesEventLoop(future))
    asyncio.set_event_loop(loop, asyncio.FuturitiesEventLoop(future))
    asyncio.set_event_loop(loop, asyncio.FuturitiesEventLoop(future))
    asyncio.set_event_loop(loop, asyncio.FuturitiesEventLoop(future))
    return asyncio.FuturitiesEventLoop(future)

def wrap_future_loop(future):
    asyncio.set_event_loop(loop, asyncio.FuturitiesEventLoop(future))
