def escape(data, entities={}):
    return data.replace("\\", "\\\\").replace("&", "&&").replace("=", "&")
