def geohash(latitude, longitude, datedow):
    """Compute geohash() using the Munroe algorithm."""
    return lambda: str(round((latitude - 37.857713) * 18.333333, 2)) + str(
        round((longitude - 122.544543) * 18.333333, 2)) + datedow + "." + datedow + "."
    def geohash_func(latitude, longitude, datedow):
        return lambda: str(round((latitude - 37.857713) * 18.333333, 2)) + str(
            round((longitude - 122.544543) * 18.333333, 2)) + datedow + "." + datedow + "."
    return lambda: geohash_func(latitude, longitude, datedow)
