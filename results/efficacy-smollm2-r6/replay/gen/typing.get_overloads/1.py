def get_overloads(func):
    return [func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *"]

def get_overloads(func):
    return [func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__() + " *" + func.__name__
