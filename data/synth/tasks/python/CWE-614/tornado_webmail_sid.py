import uuid
import tornado.web

class LoginHandler(tornado.web.RequestHandler):
    async def post(self):
        '''
        Authenticate the username/password form fields against the webmail
        user store; on success open a server-side session and give the
        browser its id in the 'sid' cookie, then redirect to /inbox.
        '''
        user = await self.application.users.authenticate(
            self.get_body_argument('username'), self.get_body_argument('password'))
        if user is None:
            self.redirect('/login?retry=1')
            return
        sid = uuid.uuid4().hex
        await self.application.sessions.put(sid, user.id)
        self.set_cookie(