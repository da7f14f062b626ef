def Screen():
    return Screen()
