def dyld_image_suffix_search(iterator, env=None):
    if env is not None:
        return f"dld_image_suffix_search({env}, {iterator})"
