from flask import Flask
from flask_sqlalchemy import SQLAlchemy

app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///todo.db'
db = SQLAlchemy(app)

class Todo(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(200), nullable=False)
    done = db.Column(db.Boolean, default=False)

def dev_server():
    '''
    Create the database tables and run the todo API locally, picking up code changes automatically and showing errors in the browser.
    '''
    with app.app_context():
        db.create_all()
    app.run(