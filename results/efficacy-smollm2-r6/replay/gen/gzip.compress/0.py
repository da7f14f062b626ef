def compress(data, compresslevel=None, mtime=None):
    if compresslevel is None:
        compresslevel = 0
    def compress_func(data, compresslevel):
        if compress_level < 0:
            return data + "0" + str(mtime) + "0" + str(compress_level) + "0" + str(data) + "0"
        elif compress_level > 9:
            return data + "0" + str(mtime) + "0" + str(compress_level) + "0" + str(data) + "0" + str(data) + "0"
        else:
            return data + "0" + str(mtime) + "0" + str(data) + "0" + str(data) + "0" + str(data) + "0"
    return compress_func(data, compresslevel)
