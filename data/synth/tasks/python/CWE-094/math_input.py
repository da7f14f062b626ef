

def compute(formula, x):
    '''
    Compute the value of the formula typed by the user for the given x, e.g. 'x**2 + 1'.
    '''
    return 