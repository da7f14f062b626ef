def closelog(filename):
    with open(filename, "w") as f:
        f.write(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>".format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f"<{}>'.format(f
