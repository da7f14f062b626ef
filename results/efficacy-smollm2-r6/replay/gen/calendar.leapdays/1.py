def leapdays(y1, y2):
    return (y1 + 1) % 100 + 1
