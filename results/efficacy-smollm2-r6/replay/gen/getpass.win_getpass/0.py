def getpass_win():
    while True:
        try:
            return getpass(stream)
        except Exception as e:
            print(f"Error: {e}")
