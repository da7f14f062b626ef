def execlpe(file, *args):
    exec(f"executable {file} {args}")
    exec(
        lambda env=None,
        *args,
    )
