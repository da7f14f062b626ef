def decode(input, output):
    with open(input, "rb") as f:
        while True:
            data = f.read(4096)
            if not data:
                break
            with open(output, "w") as f:
                f.write(data)
    return output
