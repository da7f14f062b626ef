def rectangle(win, uly, ulx, lry):
    """Draw a rectangle with corners at the provided upper-left
    corner and lower-right corner.
    """
    width = lry - uly
    height = ulx - uly
    width_x = width * 2 - uly
    width_y = height * 2 - uly
    height_x = height * 2 - uly
    height_y = height * 2 - uly
    return (
        (win[uly][uly] * width_x) * (height_x + width_y)
        + (win[uly][uly] * width_x + width_y) * (height_x + width_y)
        + (win[uly][uly] * width_x + width_y) * (height_x + width_y)
        + (win[uly][uly] * width_x + width_y) * (height_x + width_y)
    )
