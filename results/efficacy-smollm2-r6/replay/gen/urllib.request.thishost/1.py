def thishost():
    return "This host is a Python server."
