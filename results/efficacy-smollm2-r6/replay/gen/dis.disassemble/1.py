def disassemble(co, lasti=-1, *, file=None, show_caches=False, adaptive=False):
    with open(file, 'w') as f:
        f.write(f"def {type(co).__name__}():\n")
    with open(file, 'w') as f:
        f.write(f"def {type(lasti).__name__}():\n")
    with open(file, 'w') as f:
        f.write(f"def {type(lasti).__name__}():\n")
    with open(file, 'w') as f:
        f.write(f"def {type(lasti).__name__}():\n")
    with open(file, 'w') as f:
        f.write(f"def {type(lasti).__name__}():\n")
