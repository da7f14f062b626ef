import os
import base64
import hashlib
import string
import string.pcre

def guess_all_extensions(type, strict=False):
    if strict:
        return [f"{extension} {type}" for extension, type in os.path.split(f"{type}.{type}")]
    else:
        return [f"{extension} {type} {extension}" for extension in os.path.split(f"{type}.{type}")]

def guess_type(type, strict=False):
    return [f"{extension} {type} {extension}" for extension in os.path.split(f"{type}.{type}")]

def guess_extensions(type, strict=False):
    return [
        guess_type(type, strict)
        for guess_type in guess_all_extensions(type, strict)
    ]
