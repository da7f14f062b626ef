def is_forking(argv):
    return len(argv) == 1 and argv[0] == "--"
