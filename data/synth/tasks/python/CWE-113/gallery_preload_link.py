from flask import Flask, request, render_template

app = Flask(__name__)

@app.route('/gallery', methods=['POST'])
def gallery():
    '''
    Render the gallery and add an HTTP Link header that preloads the cover image whose path
    was posted in the 'cover' form field.
    '''
    cover = request.form['cover']
    resp = app.make_response(render_template('gallery.html', cover=cover))
    resp.headers['Link'] = 