from fastapi import FastAPI, HTTPException, Response
from pydantic import BaseModel

app = FastAPI()

class Credentials(BaseModel):
    email: str
    password: str

@app.post('/auth/token')
def issue_token(creds: Credentials, response: Response):
    '''
    Authenticate the user and hand the short-lived access token back in an
    'access_token' cookie, so that the single-page app does not have to keep
    it in localStorage. Return {"ok": True}.
    '''
    user = authenticate(creds.email, creds.password)
    if not user:
        raise HTTPException(status_code=401, detail='bad credentials')
    token = create_access_token(user.id, expires_minutes=15)
    response.set_cookie(