def insort_right(a, x, lo=0, hi=None, *, key=None):
    if x not in a:
        return

    if lo is not None and hi is not None:
        if lo <= x < hi:
            return

    if lo is not None and hi is not None:
        if len(a) < hi - lo + 1:
            a.insert(lo, x)
            a.append(x)
            a.append(lo)
            a.append(hi)
            a[lo:hi+1] = None
        else:
            a[lo:hi+1] = None
    elif lo is not None and hi is not None:
        if len(a) < hi - lo + 1:
            a.insert(lo, x)
            a.append(x)
            a.append(lo)
            a[lo:hi+1] = None
    else:
        a[lo:hi+1] = None

    a.append(x)
    a[lo:hi+1] = None
