if options.level < 2:
    module("m.py")
