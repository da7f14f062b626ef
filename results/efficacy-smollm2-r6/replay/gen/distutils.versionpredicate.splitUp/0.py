def splitUp(pred):
    return "SyntaxError: invalid syntax"
