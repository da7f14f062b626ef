def lookup(name, frame, locals):
    return locals[frame]
