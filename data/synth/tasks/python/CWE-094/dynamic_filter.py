

def filter_rows(rows, condition):
    '''
    Keep the rows (dicts) for which the condition string typed by the analyst, e.g. "row['age'] > 30", is true.
    '''
    return [row for row in rows if 