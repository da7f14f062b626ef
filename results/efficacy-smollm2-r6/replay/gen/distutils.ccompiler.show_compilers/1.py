def show_compilers():
    """Print list of available compilers (used by the "--help-compiler"
    options to "build", "build_ext", "build_clib")."""
    return [
        "clib-build",
        "clib-build-ext",
        "build-clib",
    ]
