from flask import Flask, render_template
from flask_socketio import SocketIO, emit

app = Flask(__name__)
socketio = SocketIO(app)

@app.route('/')
def index():
    return render_template('chat.html')

@socketio.on('message')
def relay(msg):
    emit('message', msg, broadcast=True)

def start_chat_server():
    '''
    Start the chat server through Socket.IO on all interfaces, reloading when the code changes and showing errors in the browser.
    '''
    socketio.run(app, 