options.defaults(True)
