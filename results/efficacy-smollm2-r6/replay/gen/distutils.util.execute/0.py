def execute(func, *args, **kwargs):
    """Perform some action that affects the outside world (eg. by
    writing to the filesystem).  Such actions are special because they
    are disabled by the "dry_run" flag.  This method takes care of all
    that bureaucracy for you; all you have to do is supply the function
    to call and an argument tuple for it (to embody the "external action"
    being performed).  This function is called by the `*args` and `**kwargs`
    syntax, but it is actually a special form of the `*args` and `**kwargs`
    syntax that is used to create a special form of the `*args` and
    `**kwargs` syntax, but it is actually a special form of the `*args`
    and `**kwargs` syntax that is used to create a special form of the
    `*args` and `**kwargs` syntax that is used to create a special form of the
    `*args` and `**kwargs` syntax that is used to create a special form of the
    `*args` and `**kwargs` syntax that is used to create a special form of the
    `*args` and `**kwargs` syntax that is used to create a special form of the
    `*args` and `**kwargs` syntax that is used to create a special form of the
    `*args` and `
