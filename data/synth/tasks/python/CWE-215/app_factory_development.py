from flask import Flask

def create_app(config_name):
    app = Flask(__name__)
    app.config.from_object(f'config.{config_name.capitalize()}Config')
    from .views import bp
    app.register_blueprint(bp)
    return app

def run_development():
    '''
    Build the application with the development settings and serve it locally with Flask's debugger enabled.
    '''
    application = create_app('development')
    application.run(