def show_formats():
    print(f"List of available formats: {', '.join(format_list)}")

# Example usage:
show_formats()
