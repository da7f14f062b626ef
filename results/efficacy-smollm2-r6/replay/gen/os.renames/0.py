def rename(old, new):
    if not os.path.exists(new):
        return None
    old_path = os.path.join(old, 'old.old.new.old.new.old.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.new.
