import os
import fnmatch

def test_sndr(h, f):
    with open(f"{os.path.expand_dots(h)}.tsd.txt", "w") as f:
        f.write(f"test_sndr({h}, {f})")

# Test the function
test_sndr("123", "test.txt")
