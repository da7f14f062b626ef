import os

def readconfig(cfgdict):
    """Read config-files, change configuration-dict accordingly."""
    if not os.path.exists(os.path.dirname(__file____code__.__name__)) or os.path.isdir(os.path.dirname(__file____code__.__name__)):
        config_file_path = os.path.join(os.path.dirname(__file____code__.__name__), 'config.cfg')
        with open(config_file_path, 'w') as f:
            f.write(f'imports: {', os.path.getsize(config_file_path) + 1000000, '})\n')
        with open(os.path.join(os.path.dirname(__file____code__.__name__), 'config.py'), 'w') as f:
            config_dict = {
                'config.py': os.path.join(os.path.dirname(__file____code__.__name__), 'config.py'),
            }
        with open(os.path.join(os.path.dirname(__file____code__.__name__), 'config.cfg'), 'w') as f:
            config_file_path = os.path.join(os.path.dirname(__file____code__.__name__), 'config.
