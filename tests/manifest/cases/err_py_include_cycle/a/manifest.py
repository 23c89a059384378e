include("../b/manifest.py")
