def read_docstrings(lang):
    """Read in docstrings from lang-specific docstring dictionary."""
    with open(lang + ".docstrings.txt", "r") as f:
        docstrings = [f.read().decode("utf-8") for f in open(lang + ".docstrings.txt").read().read().readlines()]
    return [
        {
            "name": "docstrings.txt",
            "lang": lang,
            "docstrings": [
                {
                    "name": "docstrings.txt",
                    "lang": "docstrings.txt",
                    "docstrings": [
                        {
                            "name": "docstrings.txt",
                            "lang": "docstrings.txt",
                            "docstrings": [
                                {
                                    "name": "docstrings.txt",
                                    "lang": "docstrings.txt",
                                    "docstrings": [
                                        {
                                            "name": "docstrings.txt",
                                            "lang": "docstrings.txt",
                                            "docstrings": [
                                                {
                                                    "name": "docstrings.txt",
                                                    "lang": "docstrings.txt",
                                                    "docstrings": [
                                                        {
                                                        "name": "docstrings.txt",
                                                        "lang": "docstrings.txt",
                                                        "docstrings": [
                                                            {
                                                                "name": "docstrings.txt",
                                                                "lang": "docstrings.txt",
                                                                "
