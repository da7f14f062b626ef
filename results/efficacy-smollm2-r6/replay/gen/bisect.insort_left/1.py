def insort_left(a, x, lo=0, hi=None, *, key=None):
    if isinstance(x, int) and x > 0:
        if lo is not None and lo <= hi:
            return
        if lo is not None and len(a) < hi:
            a[lo] = x
            a[hi] = x
            lo = 0
            hi = len(a) + 1
        else:
            lo += 1
    elif isinstance(x, float):
        if lo is not None and len(a) < hi:
            a[lo] = x
            a[hi] = x
            lo = 0
            hi = len(a) + 1
        else:
            lo += 1
    elif isinstance(x, (int, float)):
        if lo is not None and len(a) < hi:
            a[lo] = x
            a[hi] = x
            lo = 0
            hi = len(a) + 1
        else:
            lo += 1
    elif isinstance(x, (list, tuple)):
        if isinstance(x, (int, float)):
            a[x] = x
            a[hi] = x
            lo = 0
            hi = len(a) + 1
        else:
            lo += 1
    elif isinstance(x, (list, tuple)):
        if isinstance(x
