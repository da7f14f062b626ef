def stn(s, length, encoding="utf-8"):
    if length == 0:
        return s.encode()
    return encoding(
        s,
        length,
        encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options=["utf-8", encoding_options
