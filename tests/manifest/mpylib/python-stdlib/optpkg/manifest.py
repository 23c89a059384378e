options.defaults(small=False)
if options.small:
    module("optpkg_small.py")
else:
    module("optpkg.py")
