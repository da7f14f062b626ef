class Fields:
    def __init__(self, class_or_instance):
        self.class_or_instance = class_or_instance
