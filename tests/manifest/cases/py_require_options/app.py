require("optpkg", small=True)
