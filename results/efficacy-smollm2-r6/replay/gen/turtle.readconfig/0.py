import turtle

def readconfig(cfgdict):
    if not isinstance(cfgdict, dict):
        config_dict = {}
    for key, value in cfgdict.items():
        if isinstance(value, dict):
            config_dict[key] = readconfig(value)
    if not isinstance(cfgdict, str):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, str):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, (list, tuple)):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, (list, tuple)):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, (list, tuple)):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, (list, tuple)):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, (list, tuple)):
        config_dict = config_dict.replace('config-', 'config')
    if not isinstance(config_dict, (list, tuple)):
        config_dict = config_dict.replace('config-',
