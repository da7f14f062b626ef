import traceback
from flask import Flask, Response, request

app = Flask(__name__)

@app.route('/jobs/run', methods=['POST'])
def run_job():
    '''
    Run the maintenance job named in the 'job' form field and return its output as plain text;
    the operators read the failures on this page too.
    '''
    job = JOBS.get(request.form['job'])
    if job is None:
        return Response('unknown job', status=404, mimetype='text/plain')
    try:
        output = job()
    except Exception:
        return Response(