module("m.py")
if options.debug:
    module("m.py")
