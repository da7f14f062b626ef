class Screen:
    def __init__(self, name):
        self.name = name
        self.screen = None

    def create_screen(self):
        if not self.screen:
            self.screen = Screen()
            self.screen.name = self.name
            self.screen.screen = self.screen
