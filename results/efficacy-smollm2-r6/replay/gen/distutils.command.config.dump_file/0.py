def dump_file(filename, head=None):
    if head is not None:
        with open(filename, "a", encoding="utf-8") as f:
            f.write(f"<{head}</head>\n")
