import numpy as np
from flask import Flask, request, jsonify

app = Flask(__name__)
weights = None

@app.route('/predict', methods=['POST'])
def predict():
    x = np.array(request.get_json()['features'], dtype=float)
    return jsonify(score=float(x @ weights))

def launch(weights_path):
    '''
    Load the model weights from weights_path and start the prediction API on every interface, in Flask debug mode so stack traces are visible while the model is being tuned.
    '''
    global weights
    weights = np.load(weights_path)
    app.run(host='0.0.0.0', 