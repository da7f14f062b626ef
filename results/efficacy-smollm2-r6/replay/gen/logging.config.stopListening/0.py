import asyncio

async def stopListening():
    await asyncio.sleep(1)
    print("Server stopped")

# Create a new thread that will run the function
thread = asyncio.Thread(target=stopListening,
                         args=(stopListening,))

# Start the new thread
thread.start_run_on_demand()
