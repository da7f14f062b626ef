def symtable(code, filename, compile_type=None):
    with open(filename, "w") as f:
        with open(code, "w") as f:
            f.write(f"""
# {compile_type} {code}
""" % (compile_type, code))
