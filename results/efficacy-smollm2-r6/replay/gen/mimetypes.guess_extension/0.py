import os
import smoly

def guess_extension(type, strict=False):
    if type in ["text/plain", "application/octet-stream", "image/png", "image/jpeg", "image/webp", "image/webp", "image/jpeg", "image/webp", "image/jpeg", "image/webp"]:
        return os.path.basename(type) + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "." + type + "
