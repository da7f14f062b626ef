import datetime

def cert_time_to_seconds(cert_time):
    """Return the time in seconds since the Epoch, given the timestring
    representing the "notBefore" or "notAfter" date from a certificate in
    ``"%b %d %H:%M:%S %Y %Z"`` strptime format (C locale).

    Args:
        cert_time (str): The time in seconds since the Epoch, in UTC.

    Returns:
        int: The time in seconds since the Epoch, in UTC.

    Raises:
        ValueError: If the certificate is not valid.
    """
    if not isinstance(cert_time, datetime.datetime) or not isinstance(cert_time, (int, float)):
        raise ValueError("Invalid certificate type: " + str(type(cert_time)))

    if not isinstance(cert_time, (int, float)):
        raise ValueError("Invalid certificate type: " + str(type(cert_time)))

    time_in_utc = datetime.datetime(int(cert_time.timestamp()) + datetime.timedelta(seconds=1))
    if time_in_utc.timestamp() < datetime.datetime(int(cert_time.timestamp()) + datetime.timedelta(seconds=1)):
        raise ValueError("Invalid certificate type: " + str(type(cert_time)))

    return int(time_in_utc.timestamp()) -
