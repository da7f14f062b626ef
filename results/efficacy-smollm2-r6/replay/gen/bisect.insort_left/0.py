def insort_left(a, x, lo=0, hi=None, *, key=None):
    if isinstance(x, list) and len(x) and isinstance(lo, int) and isinstance(hi, int):
        if len(a) > 0 and a[0] == x:
            a[0] = a[1:]
            a[1:] = a[0][:lo] + a[lo:-1]
            a[lo:-1] = a[lo:-1, :]
        elif isinstance(x, list) and len(x) and isinstance(lo, int):
            a[lo] = a[1:]
            a[1:] = a[0][:lo] + a[lo:-1]
            a[lo:-1] = a[lo:-1, :]
        elif isinstance(x, list) and isinstance(lo, int) and isinstance(hi, int):
            a[lo] = a[1:]
            a[1:] = a[0][:lo] + a[lo:-1]
            a[lo:-1] = a[lo:-1, :]
        elif isinstance(x, list) and isinstance(lo, int) and isinstance(hi, int):
            a[lo] = a[1:]
            a[1:] = a[0][:lo] + a[lo:-
