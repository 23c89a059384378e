options.defaults(extra=False, flavour="full", size=3)
module("base.py")
if options.extra:
    module("extra.py")
if options.flavour == "true" and options.level == 2:
    module("flav.py")
elif options.flavour is None:
    module("none.py")
else:
    module("other.py")
if not options.missing and options.size == 3 and options.names == ["a", "b"]:
    module("defs.py")
