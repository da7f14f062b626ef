import smol

def dump(value, fp, fmt=FMT_XML, sort_keys=False, skipkeys=False):
    if not isinstance(value, str):
        value = smol.dump(value, fp, fp.write_binary_to_file)
    if not isinstance(value, str):
        value = smol.dump(value, fp, fp.write_binary_to_file, fp.write_binary_to_file_binary_to_file_binary=True, sort_keys=False)
    if not isinstance(value, str):
        value = smol.dump(value, fp, fp.write_binary_to_file, fp.write_binary_to_file_binary_to_file_binary=True)
    if not isinstance(value, str):
        value = smol.dump(value, fp, fp.write_binary_to_file, fp.write_binary_to_file_binary_to_file_binary=True)
    if not isinstance(value, str):
        value = smol.dump(value, fp, fp.write_binary_to_file, fp.write_binary_to_file_binary_to_file_binary=True)
    if not isinstance(value, str):
        value = smol.dump(value, fp, fp.write_binary
