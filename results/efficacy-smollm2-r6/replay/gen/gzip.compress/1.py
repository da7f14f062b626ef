def compress(data, compresslevel=COMPRESS_LEVEL_BEST, mtime=None):
    if compresslevel < 0:
        compresslevel = 10
    compressed_data = data.copy()
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    compressed_data[data.count(str(compresslevel))] = data[:data.count(str(compresslevel))]
    return compressed_data
