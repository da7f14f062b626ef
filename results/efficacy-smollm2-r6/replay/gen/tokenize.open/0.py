def open(filename):
    try:
        with open(filename, 'r', encoding='utf-8', encoding_table={'utf-8': 'utf-8'}) as f:
            return f.read()
    except Exception as e:
        print(f"Error: {e}")
        return None
