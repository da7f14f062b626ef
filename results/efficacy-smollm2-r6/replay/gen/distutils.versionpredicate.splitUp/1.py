def splitUp(pred):
    return (pred, str(strict_version))
