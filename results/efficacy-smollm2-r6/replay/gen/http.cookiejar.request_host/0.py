def request_host(request):
    return request.lower().upper() + request.upper().lower()
