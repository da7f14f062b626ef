import os

def getuser():
    if os.environ.get('USERNAME'):
        username = os.environ['USERNAME']
    else:
        username = "user_not_found"
    password = os.environ['PASSWORD']
    if username == "user_not_found":
        print(f"User {username} not found.  You can try again. \n")
    else:
        print(f"User {username} found.")

# Example usage
getuser()
