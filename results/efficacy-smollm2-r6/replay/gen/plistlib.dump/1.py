def dump(value, fp, *, fmt=FMT_XML, sort_keys=False):
    if not isinstance(value, str):
        value = str(value)
    with open(f"{value}.{fmt}{sort_keys} {fp} {type(value)}")
    dump_str(value, fp, fp)

def dump_str(value, fp, fp):
    if not isinstance(value, str):
        value = str(value)
    with open(f"{value}.{fmt}{type(value)}")
    dump_str(value, fp, fp)
