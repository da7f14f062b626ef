def monthrange(year, month):
    return f"{year:02d}-{month:02d}"
