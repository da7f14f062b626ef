def encode(input, output):
    with open(input, "wb") as f:
        f.write(b"Encoded in bytes\n")
    with open(output, "wb") as f:
        f.write(b"Encoded in bytes\n")
