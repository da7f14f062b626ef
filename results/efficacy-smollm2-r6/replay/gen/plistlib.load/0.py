import io

def load(fp, fmt=None, dict_type=dict):
    with open(f"{file_path}.plist", "r") as f:
        return io.StringIO(f"{file_path}.plist.txt", f'utf-8', f'utf-8', f'utf-8', f'utf-8', f'utf-8')
    return load_dict(fp, fmt=fmt, dict_type=dict_type)

def load_dict(fp, fmt=None):
    return load(fp, fmt=fmt, dict_type=dict_type)

def load_dict_with_default_encoding(fp, default_encoding):
    return load(fp, default_encoding)

def load_dict_with_default_encoding_default_encoding(fp, default_encoding):
    return load_dict(fp, default_encoding)

def load_dict_with_default_encoding_default_encoding_str(fp, default_encoding):
    return load_dict(fp, default_encoding, default_encoding_str)

def load_dict_with_default_encoding_default_encoding_str_str(fp, default_encoding):
    return load_dict_with_default_encoding_default_encoding_str(fp, default_encoding_str)
