def simplefilter(action, category=None, lineno=0, append=False):
    if action is not None and action.startswith('error'):
        return action.startswith('error') + '...' + action.split('...')[0] + '...' + action.split('...')[1] + '...' + action.split('...')[2]
    elif action.startswith('ignore'):
        return action.startswith('ignore') + '...' + action.split('...')[0] + '...' + action.split('...')[1] + '...' + action.split('...')[2]
    elif action.startswith('module'):
        return action.startswith('module') + '...' + action.split('module')[0] + '...' + action.split('module')[1] + '...' + action.split('module')[2]
    else:
        return action.startswith('module') + '...' + action.split('module')[0] + '...' + action.split('module')[1] + '...' + action.split('module')[2]
