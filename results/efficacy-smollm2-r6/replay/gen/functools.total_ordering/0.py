from typing import Union

class TotalOrder:
    def __init__(cls):
        self.order_mapping = {}

    def fill_missing_ordering(cls, order_mapping):
        for key, value in order_mapping.items():
            if key not in cls.order_mapping:
                raise ValueError("Missing order_mapping for {}.{}.{}".format(key, cls, value))
            cls.order_mapping[key] = value
        return cls
