from flask import Flask, request

app = Flask(__name__)

@app.route('/feedback', methods=['POST'])
def feedback():
    '''
    Thank the user for the feedback text posted in the 'text' form field, quoting it.
    '''
    text = request.form.get('text', '')
    return 