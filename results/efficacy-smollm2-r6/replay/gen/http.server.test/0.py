import smol

def test(HandlerClass=BaseHTTPRequestHandler,
         ServerClass=ThreadingHTTPServer,
         protocol="HTTP/1.0", port=8000, bind=None):
    def test_handler_method(func):
        def wrapper(*args, **kwargs):
            print(f"Test: {func.__name__)")
            return func(*args, **kwargs)
        return wrapper
    return test_handler_method

def test_handler_method(func):
    def wrapper(*args, **kwargs):
        print(f"Test: {func.__name__)")
        return func(*args, **kwargs)
    return test_handler_method

def test_handler_method(func):
    def wrapper(*args, **kwargs):
        print(f"Test: {func.__name__)")
        return func(*args, **kwargs)
    return test_handler_method

def test_handler_method_with_bind_to_server(func):
    def wrapper(*args, **kwargs):
        print(f"Test: {func.__name__)")
        return func(*args, **kwargs)
    return test_handler_method_with_bind_to_server

def test_handler_method_with_bind_to_server(func):
    def wrapper(*args, **kwargs):
        print(f"Test
