import smol

def parse_headers(fp, _class=HTTPMessage):
    with smol.TextIOWrapper(fp, mode="rb") as stream:
        return stream.read(4096)

def parse_headers_by_class(fp, class_class):
    with smol.TextIOWrapper(fp, mode="rb") as stream:
        return stream.read(4096)

def parse_headers_by_class_by_class(class_class, class_class_name):
    with smol.TextIOWrapper(fp, mode="rb") as stream:
        return stream.read(4096)

def parse_headers_by_class_by_class_by_class(class_class_by_class, class_class_name):
    with smol.TextIOWrapper(fp, mode="rb") as stream:
        return stream.read(4096)

def parse_headers_by_class_by_class_by_class(class_class_by_class_by_class, class_class_name):
    with smol.TextIOWrapper(fp, mode="rb") as stream:
        return stream.read(4096)
