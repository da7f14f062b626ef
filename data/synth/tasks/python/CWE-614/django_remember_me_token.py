import secrets
from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render

REMEMBER_DAYS = 30

def login_view(request):
    '''
    Log the user in. When the "remember me" box was ticked, also issue a
    long-lived remember token (persisted with save_remember_token) in a
    cookie that lasts REMEMBER_DAYS days.
    '''
    if request.method != 'POST':
        return render(request, 'login.html')
    user = authenticate(request, username=request.POST['username'], password=request.POST['password'])
    if user is None:
        return render(request, 'login.html', {'error': 'Invalid credentials'})
    login(request, user)
    response = redirect('home')
    if request.POST.get('remember'):
        token = secrets.token_hex(32)
        save_remember_token(user, token)
        response.set_cookie(