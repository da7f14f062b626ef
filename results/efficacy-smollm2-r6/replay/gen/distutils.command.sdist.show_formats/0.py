print(f"The `{formats}` option is available in the `help-formats` option.")
