def get_config_h_filename():
    return os.path.join(os.path.dirname(__file__), 'config.h')
