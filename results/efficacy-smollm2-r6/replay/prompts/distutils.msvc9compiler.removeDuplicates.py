def removeDuplicates(variable):
    """Remove duplicate values of an environment variable.

    """
