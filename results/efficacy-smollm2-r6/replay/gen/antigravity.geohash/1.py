def geohash(latitude, longitude, datedow):
    """Compute geohash() using the Munroe algorithm."""
    return lambda x: float(x) + (1.0 + (1.0 / 12.0) * (1.0 + (1.0 / 12.0) * 12.0)) * (1.0 + (1.0 / 12.0) * 12.0) + (1.0 / 12.0) * (1.0 + (1.0 / 12.0) * 12.0)) * (1.0 + (1.0 / 12.0) * 12.0)
    return lambda x: x * (1.0 + (1.0 / 12.0) * 12.0) + (1.0 / 12.0) * (1.0 + (1.0 / 12.0) * 12.0)
    return lambda x: x * (1.0 + (1.0 / 12.0) * 12.0) + (1.0 / 12.0) * (1.0 + (1.0 / 12.0) * 12.0)
    return lambda x: x
