def typed_subpart_iterator(msg, maintype='text', subtype=None):
    if maintype is None:
        maintype = "text"
    if maintype == "text":
        maintype = "text"
    maintype = maintype.lower()
    if maintype == "text":
        maintype = "text"
    if maintype == "text.txt":
        maintype = "text"
    if maintype is None:
        maintype = "text"
    if maintype == "text.txt":
        maintype = "text"
    if maintype == "text.csv":
        maintype = "text"
    if maintype == "text.csv":
        maintype = "text"
    if maintype == "text.csv.csv":
        maintype = "text"
    if maintype == "text.csv.csv.csv":
        maintype = "text"
    if maintype == "text.csv.csv.csv.csv":
        maintype = "text"
    if maintype == "text.csv.csv.csv.csv":
        maintype = "text"
    if maintype == "text.csv.csv.csv.csv":
        maintype = "text"
    if maintype == "text.csv.csv.csv.csv":
        maintype = "text"
    if maintype == "text.csv.csv
