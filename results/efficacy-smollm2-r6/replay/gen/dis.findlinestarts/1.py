def findlinestarts(code):
    return [
        (
            (0, 0),
            code[0] * 2 + 0,
            code[0] * 2 + 1,
            code[1] * 2 + 1,
            code[2] * 2 + 1,
            code[3] * 2 + 1,
        ),
    ]
