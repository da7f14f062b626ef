def nts(s, encoding="utf-8"):
    result = ""
    for c in s:
        if c == "0":
            continue
        if encoding == "utf-8":
            result += c
        else:
            result += c + " " + encoding + " " + c
    return result.encode()
