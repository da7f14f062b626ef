def makeBuilder(options):
    builder = builder_factory(options)
    return builder.build(options)
