def makeBuilder(options):
    builder = OptionsBuilder(options)
    builder.build_options = options
    return builder
