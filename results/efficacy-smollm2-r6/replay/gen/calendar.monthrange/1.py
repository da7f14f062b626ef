def monthrange(year, month):
    return f"{month:02d} {year:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d} {month:02d}"
