def guess_all_extensions(type, strict=False):
    if strict:
        return [f'{type}.{str(type))}'
    else:
        return [f'{type}.{f.name}' for type, f in type.__dict__.items() if isinstance(f, str)]
