def rectangle(win, uly, ulx, lry, lrx):
    """Draw a rectangle with corners at the provided upper-left
    and lower-right coordinates."""
    return [(win[0] + uly[0]) * (1 + uly[1]) + uly[1] * (1 + uly[2]) + uly[2] * (1 + uly[3]) + uly[3]) * (1 + uly[4]) * (1 + uly[5]) + uly[5] * (1 + uly[6]) * (1 + uly[7]) + uly[7] * (1 + uly[8]) * (1 + uly[9]) + uly[9] * (1 + uly[10]) * (1 + uly[11]) + uly[12] * (1 + uly[12]) * (1 + uly[13]) + uly[13] * (1 + uly[14]) * (1 + uly[15]) + uly[15] * (1 + uly[16]) * (1 + uly[17]) + uly[17] * (1 + uly[18]) * (1 + uly[19]) + u
