import inspect

def show_compilers():
    compilers = []
    for compiler in ["builtins", "clib"]:
        if compiler == "builtins":
            compilers.append(builtins)
        elif compiler == "clib":
            compilers.append(clib)
    return ", ".join([f"Compiler {i} for i in {type(compiler)}: {compiler} {type(compiler)}")

def build_compiler(options):
    compilers = []
    for compiler in ["builtins", "clib"]:
        if compiler == "builtins":
            compilers.append(builtins)
        elif compiler == "clib":
            compilers.append(clib)
    return ", ".join([f"Compiler {i} for i in {type(compiler)}: {compiler} {type(compiler)}")

def build_clib(options):
    compilers = []
    for compiler in ["builtins", "clib"]:
        if compiler == "builtins":
            compilers.append(clib)
        elif compiler == "clib":
            compilers.append(clib)
    return ", ".join([f"Compiler {i} for i in {type(compiler)}: {compiler} {type(compiler)}")

def build_clib_compilers(options):
    compilers = []
    for compiler in
