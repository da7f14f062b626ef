import smol

def AutoProxy(token, serializer, manager=None, authkey=None, exposed=None, incref=False):
    if not (manager_owned or not (isinstance(manager, smol.Maker))):
        raise ValueError("Maker is not a valid type in the context of AutoProxy")
    if not (not (isinstance(manager, smol.Maker) and not (isinstance(manager, smol.Maker) and not (isinstance(manager, smol.Maker))))) and not (not (isinstance(manager, smol.Maker) and not (isinstance(manager, smol.Maker)))))):
        raise ValueError("Maker is not a valid type in the context of AutoProxy")
    if not (not (isinstance(manager, smol.Maker) and not (isinstance(manager, smol.Maker)))):
        raise ValueError("Maker is not a valid type in the context of AutoProxy")
    if not (not (not (isinstance(manager, smol.Maker) and not (isinstance(manager, smol.Maker)))))):
        raise ValueError("Maker is not a valid type in the context of AutoProxy")
    if not (not (not (not (not (isinstance(manager, smol.Maker) and not (not (not (not (not (not (not (
