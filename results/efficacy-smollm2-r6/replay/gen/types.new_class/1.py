class NewClass(metaclass=MyClassMeta):
    def __init__(self, name, bases, kwds=None):
        super().__init__(name, bases, kwds)
        self.exec_body = exec_body

    def exec_body(self):
        return self.exec_body()
