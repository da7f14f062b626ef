import os

def getuser():
    username = os.environ.get("USERNAME", "Unknown")
    if username is None or os.environ.get("USERNAME", "Unknown") == "":
        os.environ.update({"USERNAME": "Unknown"})
    else:
        password = getpass.getpass("Enter a password: ")
        password_md5 = hashlib.md5(password.encode()).hexdigest()
        password_md5_bytes = password_md5.hexdigest()
        if os.environ.get("USERNAME", "Unknown") == password_md5_bytes:
            print(f"Password is not a valid username. You can try again.")
            return
        print(f"Username: {username} is a valid username. You can try again.")
    else:
        print(f"Username: {username} is a valid username. You can try again.")

# Example usage
getuser()
