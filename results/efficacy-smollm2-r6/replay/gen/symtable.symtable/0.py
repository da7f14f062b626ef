import os
import smoly

def symtable(code, filename, compile_type=None):
    if not code:
        return os.path.getsize() * -1
    with open(filename, "w") as f:
        smoly.create_table(code, filename, compile_type=compile_type)
    return smoly.create_table_table(code, filename, compile_type=compile_type)
