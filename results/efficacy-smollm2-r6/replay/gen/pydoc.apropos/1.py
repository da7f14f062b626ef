def apropos(key):
    """Print all the one-line module summaries that contain a substring."""
    return [
        f"One-line module summary: {substring_summary(module_name)} ({substring_substring_length} characters) {substring_substring_length} ({substring_substring_length} characters) {substring_substring_length} ({substring_substring_length} characters) {substring_substring_length} ({substring_substring_length} characters)"
    ]
    return [
        f"{substring_summary(module_name)} ({substring_substring_length} characters) {substring_substring_length} ({substring_substring_length} characters) {substring_substring_length} ({substring_substring_length} characters)"
    ]
