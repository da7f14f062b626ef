def copyfileobj(fsrc, fdst, length=0):
    with open(f"copyfileobj.txt", "r") as fsrc, open(f"copyfileobj.txt", "w") as fdst:
        fdst.write(frcrpy(fsrc, length))
        fdst.write(fdst)
