import smol

def debug_src(src, pm=False, globs=None):
    """Debug a single doctest docstring, in argument `src`'"""
    if not src:
        return src
    src_def = smol.DocSpec(src)
    src_def.add_doc_spec(
        """
        doc
        """
    )
    return src_def
