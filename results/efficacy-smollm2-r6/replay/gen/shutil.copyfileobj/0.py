def copyfileobj(fsrc, fdst, length=0):
    with open(fsrc, 'r+') as fsrc_obj, open(fdst, 'w+') as fdst_obj:
        for line in fsrc_obj:
            fdst_obj.write(line)
