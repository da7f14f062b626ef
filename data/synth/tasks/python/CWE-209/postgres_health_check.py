import traceback
import psycopg2
from flask import Flask, jsonify

app = Flask(__name__)

@app.get('/healthz')
def healthz():
    '''
    Health check: report whether the PostgreSQL database answers a simple query, with the reason when it does not.
    '''
    try:
        conn = psycopg2.connect(DATABASE_DSN, connect_timeout=2)
        conn.cursor().execute('SELECT 1')
        conn.close()
    except psycopg2.Error:
        return jsonify(