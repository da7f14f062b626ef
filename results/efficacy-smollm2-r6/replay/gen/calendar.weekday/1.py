def weekday(year, month, day):
    return f"Weekday {month} {day} for {year} {month} {day} in {year} {month} {day}."
