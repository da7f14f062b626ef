def read_docstrings(lang):
    """Read in docstrings from lang-specific docstring dictionary."""
    docstrings_dict = {}
    with open(lang + ".docstrings.txt", "r") as file:
        for line in file:
            line = line.strip()
            if not line.startswith("""""):
                line = line.strip()
            docstrings_dict[line] = {
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring_language": lang,
                "docstring
