def weekday(year, month, day):
    return f"{month:02d} {day} {year:02d} {month:02d} {day:02d} {year:02d}"
