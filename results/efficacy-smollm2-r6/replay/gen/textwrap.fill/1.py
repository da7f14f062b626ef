def fill(text, width=70, **kwargs):
    """Fill a single paragraph of text, returning a new string.

    Reformat the single paragraph in 'text' to fit in lines of no more than 'width' columns,
    and return a new string containing the entire wrapped paragraph.
    As with wrap(), tabs are expanded and other whitespace characters converted to space.
    If the number of columns is set to 1, the paragraph is wrapped to the same number of columns as the original paragraph.
    """
