def nobody_uid():
    return "Nobody's uid"
