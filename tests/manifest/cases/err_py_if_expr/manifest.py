if options.level + 1:
    pass
