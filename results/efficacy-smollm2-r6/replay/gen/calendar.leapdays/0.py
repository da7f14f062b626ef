def leapdays(y1, y2):
    return 3600 + (y1 - y2) % 100
