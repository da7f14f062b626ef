import os
import sqlite3
from flask import Flask, render_template

app = Flask(__name__)

@app.route('/')
def stock_levels():
    db = sqlite3.connect('inventory.db')
    items = db.execute('SELECT name, quantity FROM items ORDER BY name').fetchall()
    return render_template('stock.html', items=items)

def run_dashboard():
    '''
    Start the inventory dashboard on port 8080 with the interactive debugger and the auto-reloader, so developers see tracebacks in the browser.
    '''
    app.run(