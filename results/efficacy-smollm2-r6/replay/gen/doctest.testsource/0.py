import doctest

def testsource(module, name):
    def test_source(test_func):
        def wrapper(test_obj):
            return test_func(test_obj)
        return wrapper
    return doctest.DontCheck()(test_func)
