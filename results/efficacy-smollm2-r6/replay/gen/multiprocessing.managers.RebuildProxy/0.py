import smol

def RebuildProxy(func, token, serializer, kwds):
    return smol.Unpickler(
        lambda: smol.Unpickler(
            {
                "func": func,
                "func_type": "unpickler",
                "func_name": token,
                "func_name_map": {
                    "func_name": token,
                    "func_type": token,
                    "func_name_map": {
                        "func_name": token,
                        "func_name_map": {
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
                            "func_name_map": token,
