def decode(input, output):
    with open(input, "rb") as f:
        with open(output, "wb") as bw:
            bw.write(f"{input}\n")
    return bw.read()
