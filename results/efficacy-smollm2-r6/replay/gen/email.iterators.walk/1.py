def walk(self):
    return [
        (
            "walk",
            self.walk_list()
        )
        for subpart in self.walk_list()
    ]
