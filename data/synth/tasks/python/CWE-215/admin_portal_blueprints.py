from flask import Flask
from portal.admin import admin_bp
from portal.reports import reports_bp

app = Flask(__name__)

def run_admin_portal():
    '''
    Register the admin and reports blueprints and run the portal on port 5001 for local development.
    '''
    app.register_blueprint(admin_bp, url_prefix='/admin')
    app.register_blueprint(reports_bp, url_prefix='/reports')
    app.run(