import os
import sys

def execlpe(file, *args):
    exec(
        "executable_file",
        *args,
        **kwargs,
        **{
            "env": os.environ["PATH"] if os.environ["PATH"] else None,
        },
    )
