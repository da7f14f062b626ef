def get_instructions(x, *, first_line=None, show_caches=False, adaptive=False):
    if first_line is not None:
        return [f"Instruction {i} of line {i+1}:\n{x[i]}\n", f"Source line {i+1}:\n{x[i+1]}")
    else:
        return [f"Instruction {i} of line {i+1}:\n{x[i+1]}\n", f"Source line {i+1}:\n{x[i+1]}")
