def getuserbase():
    global USER_BASE
    return USER_BASE + "/" + str(time.time())
