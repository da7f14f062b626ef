def request_host(request):
    return request.lower()
