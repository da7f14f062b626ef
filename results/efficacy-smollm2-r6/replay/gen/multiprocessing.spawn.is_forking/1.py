def is_forking(argv):
    return len(sys.argv) == 2 and sys.argv[1] == "--forking"
