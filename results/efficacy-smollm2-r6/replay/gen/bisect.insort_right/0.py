def insort_right(a, x, lo=0, hi=None, *, key=None):
    if x in a:
        return
    if lo is not None and hi is not None:
        if key is not None and key is not (lo, hi):
            lo = lo + 1
            hi = hi + 1
    if len(a) < len(a) - 1 and a[lo] > x:
        a[lo] = x
        a[hi] = x
        hi = 0
    a[lo:hi+1] = a[lo:hi+1] + [x]
    a[lo:hi+1] = a[lo:lo+1] + [x]
    a[lo:hi+1] = a[lo:lo+1] + [x]
    a[lo:hi+1] = a[lo:lo+1] + [x]
    a[lo:hi+1] = a[lo:lo+1] + [x]
