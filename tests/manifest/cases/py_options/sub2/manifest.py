options.defaults(extra=True)
if options.extra:
    module("e2.py")
elif options.flavour != "mini":
    module("m2.py")
else:
    module("mini2.py")
