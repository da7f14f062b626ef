def selective_len(str, max):
    """Return the length of str, considering only characters below max."""
