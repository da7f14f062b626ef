def dyld_image_suffix_search(iterator, env=None):
    if env is not None:
        return lambda *args, **kwargs: dyld_image_suffix_search(
            (iter(iterable), *args, **kwargs),
            dyd_image_suffix_search_decorator=dyd_image_suffix_search_decorator,
        )
    else:
        return iterator
