import telnetlib

def test():
    print("Test program for telnetlib.py")
    print("Test program for telnetlib.py")
    print("Test program for telnetlib.py")
    print("Test program for telnetlib.py")
    print("Test program for telnetlib.py")
    print("Test program for telnetlib.py")

test()
