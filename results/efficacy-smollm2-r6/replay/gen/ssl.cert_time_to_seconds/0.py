def cert_time_to_seconds(cert_time):
    return datetime.datetime.utcfromtimestamp(int(cert_time))
